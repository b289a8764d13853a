package org.workflowring.zookeeper.embedded;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single standalone ZooKeeper server on loopback, for development: the default ensemble of a lone node.
 *
 * <p><b>IMPORTANT</b>: not for production. One server is no ensemble: if it stops, every node loses its session.
 */
final class EmbeddedZooKeeper implements Closeable {

    private enum State { LATENT, STARTED, CLOSED }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final long START_TIMEOUT_MS = 30_000;

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final Path dataDir;
    private final int clientPort;
    private ZooKeeperServerEmbedded server;

    EmbeddedZooKeeper(Path dataDir, int clientPort) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        if (clientPort <= 0 || clientPort > 65_535) {
            throw new IllegalArgumentException("clientPort must be 1..65535, not " + clientPort);
        }
        this.clientPort = clientPort;
    }

    /** Starts the server and waits until it serves clients. */
    void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("start() may be called once, state is " + state.get());
        }
        // ZooKeeper writes its configuration file into the base directory before it creates anything.
        Files.createDirectories(dataDir);
        Properties config = new Properties();
        config.setProperty("clientPort", String.valueOf(clientPort));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("tickTime", "1000");
        config.setProperty("initLimit", "10");
        config.setProperty("syncLimit", "5");
        // The admin server needs Jetty, which the distribution does not have.
        config.setProperty("admin.enableServer", "false");
        // ZooKeeper loads its server classes (connection factory, auth providers) by name through the thread
        // context class loader: in OSGi that must be the ZooKeeper bundle's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ZooKeeperServerEmbedded.class.getClassLoader());
        try {
            server = ZooKeeperServerEmbedded.builder()
                    .baseDir(dataDir)
                    .configuration(config)
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            server.start(START_TIMEOUT_MS);
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("Embedded ZooKeeper (development only) serves {} with data in {}", server.getConnectionString(), dataDir);
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED && server != null) {
            server.close();
            LOG.info("Embedded ZooKeeper stopped");
        }
    }
}
