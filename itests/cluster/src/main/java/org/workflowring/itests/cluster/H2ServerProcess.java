package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An H2 TCP server in its own JVM ({@code org.h2.tools.Server -tcp}), on loopback, with file databases under its
 * own directory, so that a restart (graceful or SIGKILL) keeps the data; the port stays the same across restarts so
 * that clients reconnect to the same URL.
 */
public final class H2ServerProcess implements Closeable {

    private static final String MAIN = "org.h2.tools.Server";

    private final Path dir;
    private final int port;
    private JavaProcess server;
    private int starts;

    public H2ServerProcess(Path dir) {
        this.dir = dir;
        this.port = FreePorts.next();
    }

    /** Starts the server and waits until it accepts connections. */
    public synchronized H2ServerProcess start() {
        if (server != null && server.isAlive()) {
            throw new IllegalStateException("H2 server already runs: " + server);
        }
        starts++;
        server = JavaProcess.start(MAIN, List.of("-Dh2.bindAddress=127.0.0.1"),
                List.of("-tcp", "-tcpPort", Integer.toString(port), "-ifNotExists",
                        "-baseDir", dir.toAbsolutePath().toString()),
                dir.resolve("h2-server-" + starts + ".log"));
        Waits.until("H2 server listening on 127.0.0.1:" + port + " (" + server + ")", Duration.ofSeconds(30),
                () -> {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("H2 server ended at start: " + server);
                    }
                    return listening();
                });
        return this;
    }

    /** JDBC URL of the file database {@code name} on this server; it is created on first use. */
    public String jdbcUrl(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/./" + name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return server.pid();
    }

    /**
     * SIGKILL, as a crashed database machine: every connection breaks.
     *
     * <p><b>IMPORTANT</b>: H2 writes its file with a delay (default {@code WRITE_DELAY} 500 ms), so commits of the
     * last half second before a SIGKILL can be lost: a kill is a durability test of H2, not of workflow-ring.
     */
    public synchronized void kill9() {
        server.kill9();
    }

    /**
     * Stops gracefully (SIGTERM: H2's shutdown hook closes the databases, every commit stays) and starts again on
     * the same port and files; clients see their connections break meanwhile.
     */
    public synchronized void restart() {
        server.close();
        start();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
