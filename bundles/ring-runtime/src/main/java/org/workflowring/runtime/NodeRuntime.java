package org.workflowring.runtime;

import java.io.Closeable;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.spi.ComponentResolver;
import org.apache.curator.framework.CuratorFramework;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.camel.RingEngines;
import org.workflowring.camel.WhiteboardWorkflowRegistry;
import org.workflowring.management.RingManagement;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreConfig;
import org.workflowring.store.WorkflowStore;

/**
 * One workflow-ring node in Karaf: from its {@link NodeConfig} it keeps one Curator client, the store on the
 * configured DataSource service, the whiteboard workflow registry and the node's engines (one per ring), and while
 * all are there it offers {@code workflow-ring:} to every CamelContext and {@link RingManagement} to the shell.
 *
 * <p>A configuration change restarts only what it must: nothing for the same values; otherwise the routes of the
 * CamelContexts using workflow-ring stop (their engines with them, the node leaves its rings), the client and/or
 * the store are replaced, and the routes start again on the new ones.
 *
 * <p>A store that cannot start (database unreachable, or another node migrating the schema of an empty database
 * right now) is tried again with a back-off from 1 s up to 30 s while its DataSource is there: the node becomes ready
 * by itself once the database is.
 *
 * <p>Threads: ConfigurationAdmin's thread calls {@link #configure}, the registering thread calls the DataSource
 * tracker, the retry thread starts a store again; all run under this object's lock. Components read the volatile
 * fields without it.
 */
final class NodeRuntime implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    private static final long MAX_STORE_RETRY_MILLIS = 30_000;

    private final BundleContext bundleContext;
    private final RingEngines engines = new RingEngines();
    private final WhiteboardWorkflowRegistry registry;
    private final NodeComponentResolver resolver = new NodeComponentResolver(this);
    private final RouteRestarter restarter = new RouteRestarter();
    private final ScheduledExecutorService storeRetries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "workflow-ring-store-start");
        thread.setDaemon(true);
        return thread;
    });
    /** The DataSource whose store has not started yet; null once it has or when it went away. */
    private DataSource waitingDataSource;
    private int storeAttempts;
    private volatile NodeConfig config;
    private volatile CuratorFramework client;
    private volatile JdbcWorkflowStore store;
    private ServiceTracker<DataSource, DataSource> dataSources;
    private ServiceRegistration<?> resolverRegistration;
    private ServiceRegistration<?> managementRegistration;
    private boolean closed;

    NodeRuntime(BundleContext bundleContext) {
        this.bundleContext = Objects.requireNonNull(bundleContext, "bundleContext must not be null");
        this.registry = new WhiteboardWorkflowRegistry(bundleContext);
        registry.start();
    }

    /** Applies a (new) configuration; the same values change nothing. */
    synchronized void configure(NodeConfig next) throws InvalidSyntaxException {
        if (closed || next.equals(config)) {
            return;
        }
        NodeConfig previous = config;
        LOG.info("workflow-ring node configuration: {}", next);
        if (previous != null) {
            // The engines hold the old node id, client and store: stop their routes; they start again below.
            withdraw();
        }
        if (!next.sameClient(previous)) {
            closeClient();
            client = next.clientSettings().newClient();
            client.start(); // connects in the background; the ring nodes wait for the connection themselves
        }
        config = next;
        if (!next.sameStore(previous)) {
            closeStore();
            dataSources = new ServiceTracker<>(bundleContext, bundleContext.createFilter(next.dataSourceFilter()),
                    new DataSourceCustomizer());
            dataSources.open();
        }
        offerIfReady();
    }

    NodeConfig config() {
        return config;
    }

    CuratorFramework client() {
        return client;
    }

    WorkflowStore store() {
        return store;
    }

    WorkflowRegistry registry() {
        return registry;
    }

    RingEngines engines() {
        return engines;
    }

    /** Registers the component resolver and the management service once client and store exist; restarts routes. */
    private void offerIfReady() {
        if (closed || client == null || store == null) {
            return;
        }
        if (resolverRegistration == null) {
            resolverRegistration = bundleContext.registerService(ComponentResolver.class.getName(), resolver,
                    new Hashtable<>(NodeComponentResolver.serviceProperties()));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("nodeId", config.nodeId());
            managementRegistration = bundleContext.registerService(RingManagement.class.getName(),
                    new NodeManagement(this), props);
            LOG.info("workflow-ring node {} ready: workflow-ring: is available to every CamelContext", config.nodeId());
        }
        restarter.startStopped();
    }

    /** Stops the routes using workflow-ring and every engine; the resolver stays registered for contexts to come. */
    private void withdraw() {
        restarter.stopRoutesOf(resolver.contexts());
        engines.stopAll();
    }

    private void unregister() {
        if (resolverRegistration != null) {
            resolverRegistration.unregister();
            managementRegistration.unregister();
            resolverRegistration = null;
            managementRegistration = null;
        }
    }

    private synchronized void dataSourceAdded(DataSource dataSource) {
        if (closed || store != null) {
            return;
        }
        waitingDataSource = dataSource;
        storeAttempts = 0;
        startStore(dataSource);
    }

    /** Starts the store on {@code dataSource} if it is still the one waiting, or schedules another try. */
    private synchronized void startStore(DataSource dataSource) {
        if (closed || store != null || waitingDataSource != dataSource) {
            return; // went away, replaced, or started meanwhile
        }
        JdbcWorkflowStore started = new JdbcWorkflowStore(dataSource, StoreConfig.of(config.database()));
        try {
            started.start(); // migrates the schema
        } catch (RuntimeException e) {
            long delay = Math.min(MAX_STORE_RETRY_MILLIS, 1000L << Math.min(storeAttempts++, 5));
            LOG.error("workflow-ring store on DataSource '{}' could not start (attempt {}), trying again in {} ms: {}",
                    config.dataSourceName(), storeAttempts, delay, e.toString());
            storeRetries.schedule(() -> startStore(dataSource), delay, TimeUnit.MILLISECONDS);
            return;
        }
        waitingDataSource = null;
        store = started;
        offerIfReady();
    }

    private synchronized void dataSourceRemoved(DataSource dataSource) {
        if (waitingDataSource == dataSource) {
            waitingDataSource = null; // stop trying
        }
        if (store == null || closed) {
            return;
        }
        LOG.warn("DataSource '{}' went away: workflow-ring routes stop until it is back", config.dataSourceName());
        withdraw();
        unregister();
        store.close();
        store = null;
    }

    private void closeStore() {
        if (dataSources != null) {
            dataSources.close(); // calls dataSourceRemoved for a tracked one
            dataSources = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        withdraw();
        closed = true;
        storeRetries.shutdownNow();
        unregister();
        closeStore();
        closeClient();
        registry.close();
    }

    /** Tracks the configured DataSource service: the first one found backs the store. */
    private final class DataSourceCustomizer implements ServiceTrackerCustomizer<DataSource, DataSource> {
        @Override
        public DataSource addingService(ServiceReference<DataSource> reference) {
            DataSource dataSource = bundleContext.getService(reference);
            if (dataSource != null) {
                dataSourceAdded(dataSource);
            }
            return dataSource;
        }

        @Override
        public void modifiedService(ServiceReference<DataSource> reference, DataSource service) {
            // Properties only; the DataSource object is the same.
        }

        @Override
        public void removedService(ServiceReference<DataSource> reference, DataSource service) {
            dataSourceRemoved(service);
            bundleContext.ungetService(reference);
        }
    }
}
