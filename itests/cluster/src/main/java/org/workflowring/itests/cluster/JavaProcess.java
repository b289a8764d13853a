package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class run as a separate JVM with this JVM's class path, its output in a log file.
 *
 * <p>The class path is this JVM's own ({@code java.class.path}): under Maven the test class path, from the demo's
 * runnable jar the jar itself; both hold ZooKeeper's and H2's server mains.
 */
public final class JavaProcess implements Closeable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; small heap, since up to eight of these share two cores. */
    public static JavaProcess start(String mainClass, List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            log.toFile().getParentFile().mkdirs();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ChildProcesses.track(process);
            return new JavaProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass + " (log " + log + ")", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, no shutdown hooks run in the child; returns once it is gone. */
    public void kill9() {
        ChildProcesses.killTree(process.toHandle());
        waitFor(STOP_WAIT);
        ChildProcesses.untrack(process);
    }

    /** SIGTERM, then SIGKILL if it has not ended within 10 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(STOP_WAIT)) {
                kill9();
            }
        }
        ChildProcesses.untrack(process);
    }

    private boolean waitFor(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "pid " + process.pid() + " (log " + log + ")";
    }
}
