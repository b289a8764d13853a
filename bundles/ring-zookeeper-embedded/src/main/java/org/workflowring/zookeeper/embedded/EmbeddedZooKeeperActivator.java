package org.workflowring.zookeeper.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded development ZooKeeper with the bundle and stops it with the bundle.
 *
 * <p>Reads three framework (system) properties: {@value #ENABLED_PROPERTY} ({@code false} keeps the server off on
 * a node that uses another ensemble, though the feature is installed), {@value #PORT_PROPERTY} (default
 * {@value #DEFAULT_PORT}) and {@value #DATA_DIR_PROPERTY} (default {@code ${karaf.data}/zookeeper}).
 */
public final class EmbeddedZooKeeperActivator implements BundleActivator {

    static final String ENABLED_PROPERTY = "workflowring.zookeeper.embedded.enabled";
    static final String PORT_PROPERTY = "workflowring.zookeeper.embedded.port";
    static final String DATA_DIR_PROPERTY = "workflowring.zookeeper.embedded.dataDir";
    static final int DEFAULT_PORT = 2181;

    private EmbeddedZooKeeper zooKeeper;

    @Override
    public void start(BundleContext context) throws Exception {
        if ("false".equalsIgnoreCase(String.valueOf(context.getProperty(ENABLED_PROPERTY)).trim())) {
            LoggerFactory.getLogger(EmbeddedZooKeeperActivator.class).info(
                    "Embedded ZooKeeper not started: {}=false", ENABLED_PROPERTY);
            return;
        }
        String port = context.getProperty(PORT_PROPERTY);
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        Path dir = dataDir != null ? Paths.get(dataDir) : Paths.get(context.getProperty("karaf.data"), "zookeeper");
        // Called on the framework's start thread; start() waits at most 30 s for the server.
        EmbeddedZooKeeper started = new EmbeddedZooKeeper(dir, port != null ? Integer.parseInt(port.trim()) : DEFAULT_PORT);
        started.start();
        zooKeeper = started;
    }

    @Override
    public void stop(BundleContext context) {
        if (zooKeeper != null) {
            zooKeeper.close();
            zooKeeper = null;
        }
    }
}
