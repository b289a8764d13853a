package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One node of the project's Karaf distribution in its own directory ({@code target/cluster/<id>}), unpacked from
 * the assembly's tar.gz, with its own {@code etc/} (node name, loopback ssh/RMI/HTTP ports on free ports, whatever
 * the scenario adds), started as {@code bin/karaf server}.
 *
 * <p>The launcher script runs the Karaf JVM as its child: faults (SIGKILL, SIGSTOP) go to that JVM, found among the
 * script's descendants. {@link #close()} kills both whatever happened.
 */
public final class KarafNode implements Closeable {

    private static final Duration BOOT = Duration.ofSeconds(180);

    private final String id;
    private final Path home;
    private final Map<String, Integer> ports = new HashMap<>();
    private Process launcher;
    private int starts;

    /** Unpacks {@code distribution} (a tar.gz) into {@code home} unless it is there already. */
    public KarafNode(String id, Path distribution, Path home) {
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("node id must be letters, digits, - or _, got '" + id + "'");
        }
        this.id = id;
        this.home = home.toAbsolutePath();
        if (!Files.isDirectory(this.home.resolve("bin"))) {
            unpack(distribution, this.home);
        }
        set("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(port("ssh")));
        set("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(port("rmiRegistry")));
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(port("rmiServer")));
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(port("http")));
        set("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        set("etc/system.properties", "karaf.name", id);
        set("etc/system.properties", "workflowring.cluster.node", id);
    }

    public String id() {
        return id;
    }

    public Path home() {
        return home;
    }

    /** A free loopback port of this node by purpose ({@code ssh}, {@code http}, {@code events}...), the same every call. */
    public synchronized int port(String purpose) {
        return ports.computeIfAbsent(purpose, p -> FreePorts.next());
    }

    /** Sets {@code key} in {@code etc/...} (a path relative to the node's home); takes effect at the next start for most files. */
    public KarafNode set(String etcFile, String key, String value) {
        PropertiesFile.put(home.resolve(etcFile), key, value);
        return this;
    }

    /** Copies a file (route XML, bundle jar) into {@code deploy/}, where Karaf hot-deploys it. */
    public void deploy(Path file) {
        try {
            Files.createDirectories(home.resolve("deploy"));
            Path target = home.resolve("deploy").resolve(file.getFileName());
            Path partial = home.resolve("deploy").resolve(file.getFileName() + ".part");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            // Rename, so that fileinstall never sees half a file.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + file + " to " + id, e);
        }
    }

    /** The node's workflow call records (see the cluster test workflow). */
    public Path callFile() {
        return home.resolve("data/calls.log");
    }

    /** Starts {@code bin/karaf server} and waits until the shell answers and the start level is reached. */
    public synchronized KarafNode start() {
        if (launcher != null && launcher.isAlive()) {
            throw new IllegalStateException(id + " already runs");
        }
        starts++;
        try {
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("launcher.log").toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_MAX_MEM", "384m");
            builder.environment().put("JAVA_MIN_MEM", "64m");
            builder.environment().put("EXTRA_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
            launcher = builder.start();
            ChildProcesses.track(launcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + id, e);
        }
        awaitStarted(BOOT);
        return this;
    }

    /** Waits until the shell answers and reports start level 100. */
    public void awaitStarted(Duration atMost) {
        Waits.until(id + " started (shell on 127.0.0.1:" + port("ssh") + ", log " + home.resolve("data/log/karaf.log") + ")",
                atMost, Duration.ofSeconds(1), () -> {
                    if (!launcher.isAlive()) {
                        throw new IllegalStateException(id + " ended while starting: see " + home.resolve("launcher.log"));
                    }
                    return tryShell("system:start-level").filter(out -> out.contains("100")).isPresent();
                });
    }

    public boolean isRunning() {
        return launcher != null && launcher.isAlive();
    }

    /** Process id of the Karaf JVM (the launcher script's java child). */
    public long karafPid() {
        return karafJvm().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException(id + " has no Karaf JVM running"));
    }

    /** CPU time the Karaf JVM has used so far (user and system); zero when it does not run. */
    public Duration cpuTime() {
        return karafJvm().flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** SIGKILL to the Karaf JVM (and the launcher): a crash, no shutdown hook, ZooKeeper session left to expire. */
    public synchronized void kill9() {
        karafJvm().ifPresent(ProcessHandle::destroyForcibly);
        // The launcher script reaps its JVM and ends by itself; killed first, it would leave the JVM a zombie of
        // whichever process adopts it.
        if (!waitForLauncher(Duration.ofSeconds(20))) {
            ChildProcesses.killTree(launcher.toHandle());
            waitForLauncher(Duration.ofSeconds(20));
        }
    }

    /** SIGSTOP to the Karaf JVM: a pause (long GC, frozen VM); its sockets stay open. */
    public void pause() {
        Signals.stop(karafPid());
    }

    public void resume() {
        Signals.resume(karafPid());
    }

    /** Graceful stop: {@code system:shutdown -f}; waits for the JVM to end, kills it after {@code atMost}. */
    public synchronized void stop(Duration atMost) {
        if (!isRunning()) {
            return;
        }
        tryShell("system:shutdown -f");
        if (!waitForLauncher(atMost)) {
            kill9();
        }
    }

    /**
     * Runs shell commands through {@code bin/client -b} (commands on standard input) and returns the output.
     *
     * @throws IllegalStateException when the client fails or takes longer than 60 s
     */
    public String shell(String commands) {
        return tryShell(commands).orElseThrow(() -> new IllegalStateException(
                "shell command failed on " + id + ": " + commands));
    }

    @Override
    public synchronized void close() {
        if (launcher != null) {
            karafJvm().ifPresent(h -> {
                h.destroyForcibly(); // SIGKILL ends a stopped (SIGSTOP) process too
            });
            if (!waitForLauncher(Duration.ofSeconds(20))) {
                ChildProcesses.killTree(launcher.toHandle());
                waitForLauncher(Duration.ofSeconds(20));
            }
            ChildProcesses.untrack(launcher);
        }
    }

    @Override
    public String toString() {
        return id + " (" + home + ", start " + starts + ")";
    }

    private Optional<String> tryShell(String commands) {
        try {
            Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-a",
                    Integer.toString(port("ssh")), "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-r", "1", "-b")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .start();
            client.getOutputStream().write((commands + "\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().close();
            byte[] out = client.getInputStream().readAllBytes();
            if (!client.waitFor(60, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return client.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> karafJvm() {
        if (launcher == null) {
            return Optional.empty();
        }
        return launcher.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    private boolean waitForLauncher(Duration atMost) {
        try {
            return launcher.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void unpack(Path distribution, Path home) {
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("no distribution at " + distribution
                    + ": build it first (mvn -B package -DskipTests -pl karaf-assembly -am)");
        }
        try {
            Files.createDirectories(home);
            Process tar = new ProcessBuilder(List.of("tar", "xzf", distribution.toAbsolutePath().toString(),
                    "--strip-components=1", "-C", home.toString())).inheritIO().start();
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IllegalStateException("cannot unpack " + distribution + " into " + home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + distribution, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
