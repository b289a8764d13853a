package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A whole test cluster on loopback: a 3-server ZooKeeper ensemble, an H2 server, the recording backend, and Karaf
 * nodes, each behind its own proxy to the ensemble. Closing it stops everything it started, in reverse order.
 */
public final class Cluster implements Closeable {

    private static final String DATABASE = "workflowring";

    private final ClusterSettings settings;
    private final List<Closeable> started = new CopyOnWriteArrayList<>();
    private final List<KarafNode> nodes = new CopyOnWriteArrayList<>();
    private final Map<String, ChaosProxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, Boolean> paused = new ConcurrentHashMap<>();
    private final java.util.Set<String> joined = ConcurrentHashMap.newKeySet();
    private ZooKeeperEnsemble zooKeeper;
    private H2ServerProcess h2;
    private RecordingBackend backend;

    public Cluster(ClusterSettings settings) {
        this.settings = settings;
    }

    /** Starts the ensemble, the database, the backend and the first nodes (in parallel: each boot takes 10-30 s). */
    public Cluster start() throws Exception {
        return start(true);
    }

    /**
     * Like {@link #start()}, but the nodes only boot: none is a ring member until {@link #join(KarafNode)} (the
     * benchmark grows the ring one node at a time).
     */
    public Cluster startWithoutJoining() throws Exception {
        return start(false);
    }

    private Cluster start(boolean join) throws Exception {
        zooKeeper = remember(new ZooKeeperEnsemble(settings.dir().resolve("zookeeper"), 3, settings.zooKeeperTick()).start());
        h2 = remember(new H2ServerProcess(settings.dir().resolve("h2")).start());
        backend = remember(new RecordingBackend().start());
        List<KarafNode> first = new ArrayList<>();
        for (int i = 1; i <= settings.nodes(); i++) {
            first.add(prepareNode("node" + i));
        }
        startAll(first, join);
        return this;
    }

    /** Prepares, starts and adds a node, routes included (it joins the ring). */
    public KarafNode addNode(String id) throws Exception {
        KarafNode node = prepareNode(id);
        startAll(List.of(node), true);
        return node;
    }

    /**
     * Prepares and boots a node without its routes: it is not yet a ring member, and the load generator does not
     * use it. {@link #join(KarafNode)} then joins it in a second or two, which a boot under load (minutes on a
     * loaded machine) would not give.
     */
    public KarafNode bootWithoutJoining(String id) {
        KarafNode node = prepareNode(id);
        node.start();
        ClusterNodeSetup.installFeatures(node);
        return node;
    }

    /** Deploys the node's routes: it joins the ring and takes events. */
    public void join(KarafNode node) {
        ClusterNodeSetup.deployRoutes(node);
        joined.add(node.id());
    }

    public List<KarafNode> nodes() {
        return List.copyOf(nodes);
    }

    public KarafNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public ChaosProxy proxy(String nodeId) {
        return proxies.get(nodeId);
    }

    public ZooKeeperEnsemble zooKeeper() {
        return zooKeeper;
    }

    public H2ServerProcess database() {
        return h2;
    }

    public String jdbcUrl() {
        return h2.jdbcUrl(DATABASE);
    }

    public RecordingBackend backend() {
        return backend;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Event URLs of the nodes that run and are not paused: where the load generator may send. */
    public List<String> liveEventUrls() {
        return liveUrls(ClusterNodeSetup::eventUrl);
    }

    /** {@code url} of every node that has joined, runs and is not paused. */
    public List<String> liveUrls(Function<KarafNode, String> url) {
        List<String> urls = new ArrayList<>();
        for (KarafNode node : liveNodes()) {
            urls.add(url.apply(node));
        }
        return urls;
    }

    /** The nodes that have joined, run and are not paused. */
    public List<KarafNode> liveNodes() {
        List<KarafNode> live = new ArrayList<>();
        for (KarafNode node : nodes) {
            if (node.isRunning() && joined.contains(node.id()) && !paused.getOrDefault(node.id(), false)) {
                live.add(node);
            }
        }
        return live;
    }

    /** SIGSTOP, and the load generator stops choosing the node. */
    public void pause(KarafNode node) {
        paused.put(node.id(), true);
        node.pause();
    }

    /**
     * Graceful leave, after {@code ring:drain}: the load generator stops choosing the node, then it shuts down
     * ({@code system:shutdown -f}), which removes its member znode.
     */
    public void leave(KarafNode node) {
        joined.remove(node.id());
        node.stop(Duration.ofSeconds(60));
    }

    public void resume(KarafNode node) {
        node.resume();
        paused.put(node.id(), false);
    }

    /** Waits until no event is pending and no outbox row unsent (the cluster has caught up with the load). */
    public void awaitDrained(Duration atMost) {
        Waits.until("every event processed and every message sent", atMost, Duration.ofMillis(500), () -> {
            try {
                return StoreCheck.backlog(jdbcUrl()) == 0;
            } catch (SQLException e) {
                return false; // database restarting
            }
        });
    }

    /** The promise, checked after a scenario against what {@code load} generated. */
    public InvariantReport check(LoadGenerator load) throws SQLException {
        List<Path> callFiles = nodes.stream().map(KarafNode::callFile).toList();
        CallLog calls = CallLog.read(callFiles);
        List<BackendRecord> received = backend.records();
        return new InvariantReport(StoreCheck.check(jdbcUrl(), load.expected()),
                DeliveryCheck.check(received, load.expected()), SendAfterLossCheck.check(received, calls.calls()),
                backend.refused().stream().map(r -> r.idempotencyKey() + " from " + r.sender()).toList(),
                CallOverlapCheck.check(calls.calls()), calls.orderViolations(), load.badEvents());
    }

    @Override
    public void close() {
        for (KarafNode node : nodes) {
            node.close();
        }
        for (ChaosProxy proxy : proxies.values()) {
            proxy.close();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // go on closing the rest
            }
        }
    }

    private KarafNode prepareNode(String id) {
        ChaosProxy proxy = ChaosProxy.forConnectString(zooKeeper.connectString()).start();
        proxies.put(id, proxy);
        KarafNode node = new KarafNode(id, Assembly.distribution(), settings.dir().resolve(id));
        nodes.add(node);
        ClusterNodeSetup.configure(node, proxy.connectString(), settings.sessionTimeout(), jdbcUrl(),
                backend.baseUrl());
        return node;
    }

    private void startAll(List<KarafNode> nodes, boolean join) throws Exception {
        List<Thread> boots = new ArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (KarafNode node : nodes) {
            Thread boot = new Thread(() -> {
                try {
                    node.start();
                    ClusterNodeSetup.installFeatures(node);
                    if (join) {
                        join(node);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "boot-" + node.id());
            boot.start();
            boots.add(boot);
        }
        for (Thread boot : boots) {
            boot.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private <T extends Closeable> T remember(T closeable) {
        started.add(closeable);
        return closeable;
    }
}
