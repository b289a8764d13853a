package org.workflowring.itests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the project's build outputs that the harness deploys: the Karaf distribution and the test workflow bundle. */
public final class Assembly {

    private Assembly() {
    }

    /** {@code karaf-assembly/target/workflow-ring-karaf-*.tar.gz}, or system property {@code workflowring.karaf.distribution}. */
    public static Path distribution() {
        String configured = System.getProperty("workflowring.karaf.distribution");
        if (configured != null) {
            return Path.of(configured);
        }
        return find("karaf-assembly/target", "workflow-ring-karaf-", ".tar.gz").orElseThrow(() ->
                new IllegalStateException("no karaf-assembly/target/workflow-ring-karaf-*.tar.gz above "
                        + Path.of("").toAbsolutePath() + ": build it (mvn -B package -DskipTests -pl karaf-assembly -am)"));
    }

    /** {@code itests/cluster-workflow/target/cluster-test-workflow-*.jar}, or property {@code workflowring.cluster.workflowBundle}. */
    public static Path workflowBundle() {
        String configured = System.getProperty("workflowring.cluster.workflowBundle");
        if (configured != null) {
            return Path.of(configured);
        }
        return find("itests/cluster-workflow/target", "cluster-test-workflow-", ".jar").orElseThrow(() ->
                new IllegalStateException("no itests/cluster-workflow/target/cluster-test-workflow-*.jar: build it"));
    }

    /** The project root: the first directory at or above the working directory that has {@code karaf-assembly/}. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("karaf-assembly"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the workflow-ring project: " + Path.of("").toAbsolutePath());
    }

    private static Optional<Path> find(String folder, String prefix, String suffix) {
        Path dir = projectRoot().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && !name.endsWith("-sources.jar");
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
