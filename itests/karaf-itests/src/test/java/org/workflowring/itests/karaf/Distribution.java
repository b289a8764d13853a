package org.workflowring.itests.karaf;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot the project's own distribution (karaf-assembly), offline, on free loopback ports.
 *
 * <p>Runs in the driver only, from the tests' {@code @Configuration} methods.
 */
final class Distribution {

    /** The pax-jdbc-config DataSource that the tests configure, by its {@code dataSourceName}. */
    static final String DATA_SOURCE_NAME = "workflowring-it";

    /** System property (in the container) with the connect string of the driver's ZooKeeper. */
    static final String ZOOKEEPER_PROPERTY = "workflowring.it.zookeeper";

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    private Distribution() {
    }

    /** The distribution with a DataSource configured and the driver's ZooKeeper passed in. */
    static Option[] options() throws Exception {
        String tarGz = System.getProperty("workflowring.karaf.distribution");
        if (tarGz == null || !new File(tarGz).isFile()) {
            throw new IllegalStateException("no distribution at " + tarGz + ": build karaf-assembly first (mvn -B verify from the root)");
        }
        String localRepository = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(tarGz).toURI().toString())
                    .name("workflow-ring")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // Offline: the container installs Pax Exam's own bundles from the build's local repository only.
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository", localRepository),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories", ""),
            // Free ports, so that several builds on one machine do not collide.
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
            // Every ZooKeeper client in the container uses the Netty socket: proves the Netty bundles are wired.
            editConfigurationFilePut("etc/system.properties", "zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty"),
            editConfigurationFilePut("etc/system.properties", ZOOKEEPER_PROPERTY, LoopbackZooKeeper.connectString()),
            // The node runtime uses the driver's ZooKeeper; the embedded one (port 2181 by default) stays off, since
            // several builds share this machine. EmbeddedZooKeeperIT turns it on, on a free port.
            editConfigurationFilePut("etc/system.properties", "workflowring.zookeeper.embedded.enabled", "false"),
            editConfigurationFilePut("etc/org.workflowring.node.cfg", "zooKeeperUrl", LoopbackZooKeeper.connectString()),
            // A DataSource service from configuration (pax-jdbc-config + the H2 driver's DataSourceFactory).
            editConfigurationFilePut("etc/org.ops4j.datasource-it.cfg", "osgi.jdbc.driver.class", "org.h2.Driver"),
            editConfigurationFilePut("etc/org.ops4j.datasource-it.cfg", "url", "jdbc:h2:mem:it;DB_CLOSE_DELAY=-1"),
            editConfigurationFilePut("etc/org.ops4j.datasource-it.cfg", "dataSourceName", DATA_SOURCE_NAME),
        };
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
