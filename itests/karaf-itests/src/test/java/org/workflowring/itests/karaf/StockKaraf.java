package org.workflowring.itests.karaf;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot a stock Apache Karaf (the apache-karaf tar.gz), offline.
 *
 * <p>Runs in the driver only. The stock Karaf gets its own empty local repository and two file repositories:
 * the build's local repository for releases (Karaf's and Pax Exam's bundles, the third-party stack) and the
 * distribution's {@code system/} folder for the project's snapshots, so that no snapshot of another build in the
 * shared local repository is ever used.
 */
final class StockKaraf {

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    private StockKaraf() {
    }

    static Option[] options() throws Exception {
        String karafVersion = System.getProperty("workflowring.karaf.version");
        File localRepository = new File(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        File tarGz = new File(localRepository, "org/apache/karaf/apache-karaf/" + karafVersion + "/apache-karaf-" + karafVersion + ".tar.gz");
        File system = new File(System.getProperty("workflowring.karaf.system"));
        if (!tarGz.isFile() || !system.isDirectory()) {
            throw new IllegalStateException("need " + tarGz + " and " + system + ": run mvn -B verify from the root");
        }
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(tarGz.toURI().toString())
                    .name("Apache Karaf")
                    .karafVersion(karafVersion)
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository", new File("target/stock-karaf-repository").getAbsolutePath()),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories",
                    localRepository.toURI() + "@id=build, " + system.toURI() + "@id=workflowring@snapshots@noreleases"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(Distribution.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(Distribution.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(Distribution.freePort())),
            editConfigurationFilePut("etc/system.properties", "workflowring.version", System.getProperty("workflowring.version")),
        };
    }
}
