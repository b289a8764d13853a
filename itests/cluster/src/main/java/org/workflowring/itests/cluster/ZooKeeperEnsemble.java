package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A ZooKeeper ensemble of separate JVMs ({@code QuorumPeerMain} from the ZooKeeper jar) on loopback, each with its
 * own data directory and free ports; servers can be killed with SIGKILL and started again.
 *
 * <p>Admin server off; the four-letter words {@code srvr} and {@code ruok} are enabled, {@code srvr} tells each
 * server's mode (leader, follower), which is how the leader is found.
 */
public final class ZooKeeperEnsemble implements Closeable {

    private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    private final Path dir;
    private final int tickMillis;
    private final int[] clientPorts;
    private final List<String> serverLines = new ArrayList<>();
    private final JavaProcess[] servers;

    /** Prepares {@code size} servers under {@code dir} with tick {@code tickMillis}; nothing runs yet. */
    public ZooKeeperEnsemble(Path dir, int size, int tickMillis) {
        if (size < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one server, got " + size);
        }
        this.dir = dir;
        this.tickMillis = tickMillis;
        this.clientPorts = new int[size];
        this.servers = new JavaProcess[size];
        for (int i = 0; i < size; i++) {
            clientPorts[i] = FreePorts.next();
            serverLines.add("server." + (i + 1) + "=127.0.0.1:" + FreePorts.next() + ":" + FreePorts.next());
        }
    }

    /** Starts every server and waits until one is leader and the others follow it. */
    public ZooKeeperEnsemble start() {
        for (int i = 0; i < servers.length; i++) {
            startServer(i);
        }
        awaitQuorum(Duration.ofSeconds(60));
        return this;
    }

    /** Client connect string of all servers, e.g. {@code 127.0.0.1:1234,127.0.0.1:1235,...}. */
    public String connectString() {
        List<String> hosts = new ArrayList<>();
        for (int port : clientPorts) {
            hosts.add("127.0.0.1:" + port);
        }
        return String.join(",", hosts);
    }

    public int size() {
        return servers.length;
    }

    public int tickMillis() {
        return tickMillis;
    }

    /** The server's mode as {@code srvr} reports it ({@code leader}, {@code follower}, ...); empty when it does not answer. */
    public Optional<String> mode(int server) {
        return fourLetterWord(server, "srvr").flatMap(answer -> answer.lines()
                .filter(line -> line.startsWith("Mode: "))
                .map(line -> line.substring("Mode: ".length()).trim())
                .findFirst());
    }

    /** Index of the current leader, if some running server says it leads. */
    public Optional<Integer> leader() {
        for (int i = 0; i < servers.length; i++) {
            if (isRunning(i) && mode(i).filter("leader"::equals).isPresent()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public boolean isRunning(int server) {
        return servers[server] != null && servers[server].isAlive();
    }

    /** SIGKILL to one server, as a crashed machine. */
    public void kill9(int server) {
        servers[server].kill9();
        servers[server] = null;
    }

    /** Starts a killed server again on its ports and data. */
    public void restart(int server) {
        if (isRunning(server)) {
            throw new IllegalStateException("server " + (server + 1) + " still runs");
        }
        startServer(server);
    }

    /** Waits until a majority of the running servers serve, one of them as leader. */
    public void awaitQuorum(Duration atMost) {
        Waits.until("a ZooKeeper leader with a quorum of followers in " + dir, atMost, Duration.ofMillis(200), () -> {
            long serving = 0;
            boolean led = false;
            for (int i = 0; i < servers.length; i++) {
                if (isRunning(i)) {
                    Optional<String> mode = mode(i);
                    serving += mode.filter(m -> m.equals("leader") || m.equals("follower") || m.equals("standalone")).isPresent() ? 1 : 0;
                    led |= mode.filter(m -> m.equals("leader") || m.equals("standalone")).isPresent();
                }
            }
            return led && serving > servers.length / 2;
        });
    }

    @Override
    public void close() {
        for (int i = 0; i < servers.length; i++) {
            if (servers[i] != null) {
                servers[i].close();
                servers[i] = null;
            }
        }
    }

    private void startServer(int i) {
        Path serverDir = dir.resolve("zk" + (i + 1));
        Path data = serverDir.resolve("data");
        Path config = serverDir.resolve("zoo.cfg");
        try {
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), Integer.toString(i + 1));
            Files.writeString(config, String.join("\n",
                    "tickTime=" + tickMillis,
                    "initLimit=10",
                    "syncLimit=5",
                    "dataDir=" + data.toAbsolutePath(),
                    "clientPort=" + clientPorts[i],
                    "clientPortAddress=127.0.0.1",
                    "admin.enableServer=false",
                    "4lw.commands.whitelist=srvr,ruok",
                    serverLines.stream().collect(Collectors.joining("\n"))) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare ZooKeeper server " + (i + 1) + " in " + serverDir, e);
        }
        servers[i] = JavaProcess.start(MAIN, List.of("-Dzookeeper.jmx.log4j.disable=true"),
                List.of(config.toAbsolutePath().toString()), serverDir.resolve("server.log"));
    }

    private Optional<String> fourLetterWord(int server, String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPorts[server]), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
