package org.workflowring.camel;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.curator.framework.CuratorFramework;
import org.h2.jdbcx.JdbcDataSource;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.sample.order.OrderBackends;
import org.workflowring.sample.order.OrderWorkflow;
import org.workflowring.store.Database;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreConfig;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/** Test helpers: a fresh embedded H2 store and plain ring nodes (outside Camel) on a test ZooKeeper. */
final class RingFixture {

    private RingFixture() {
    }

    /** A started store on a new in-memory H2 database, with the given payload limit. */
    static JdbcWorkflowStore h2Store(String url, int maxPayloadBytes) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        JdbcWorkflowStore store = new JdbcWorkflowStore(ds, StoreConfig.of(Database.H2).withMaxPayloadBytes(maxPayloadBytes));
        store.start();
        return store;
    }

    /** A URL of a new, empty in-memory H2 database that lives until the JVM ends. */
    static String memUrl() {
        return "jdbc:h2:mem:wr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** Fast settings for tests: 2 s sessions. */
    static ZkRingSettings settings(String connect, String ring) {
        return ZkRingSettings.of(connect, ring).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** A started client and an active node (16 vnodes) that closes both. */
    static Node node(ZkRingSettings settings, String id) throws Exception {
        return node(settings, id, "");
    }

    /** A started client and an active node (16 vnodes) advertising {@code address}. */
    static Node node(ZkRingSettings settings, String id, String address) throws Exception {
        CuratorFramework client = ZkTesting.client(settings);
        ZkRingNode node = new ZkRingNode(client, settings, new MemberRecord(id, 1, address, MemberState.JOINING), 16);
        node.start();
        node.activate();
        return new Node(client, node);
    }

    /** A component on {@code node}, {@code store} and {@code registry}, as a route's {@code workflow-ring:} uses it. */
    static WorkflowRingComponent component(Node node, JdbcWorkflowStore store, WorkflowRegistry registry) {
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(node.ring());
        component.setStore(store);
        component.setWorkflowRegistry(registry);
        return component;
    }

    /** The mock backends of {@link #orderWorkflowOnMocks()}. */
    static final String[] ORDER_MOCKS = {"mock:billing", "mock:warehouse", "mock:customer"};

    /** The sample order workflow sending to mock backends. */
    static MapWorkflowRegistry orderWorkflowOnMocks() {
        return MapWorkflowRegistry.of(new OrderWorkflow(new OrderBackends(ORDER_MOCKS[0], ORDER_MOCKS[1], ORDER_MOCKS[2])));
    }

    /**
     * Creates the mock endpoints that only the relay or the dead letters send to, before any event flows. They resolve
     * an endpoint on their first send, on a worker thread; when the test resolves the same URI at that moment, Camel
     * creates two instances (the last one registered wins) and the test may watch the one that receives nothing.
     */
    static void resolveMocks(CamelContext context, String... uris) {
        for (String uri : uris) {
            context.getEndpoint(uri, MockEndpoint.class);
        }
    }

    /** Waits until the node is ready and sees a ring of {@code members} members. */
    static void awaitReady(Node node, int members, Duration atMost) {
        await().atMost(atMost).until(() -> node.ring().readiness().isReady()
                && node.ring().ring().map(r -> r.size() == members).orElse(false));
    }

    /** A ring node and its own client. */
    record Node(CuratorFramework client, ZkRingNode ring) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ring.close();
            client.close();
        }
    }
}
