package org.workflowring.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.h2.jdbcx.JdbcConnectionPool;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.store.Database;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreConfig;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * One engine node of the cluster test: its own CamelContext, Curator client, ring node and store connection, taking
 * events in forward mode or through the producer.
 */
final class ClusterNode implements AutoCloseable {

    final String id;
    final CuratorFramework client;
    final ZkRingNode ring;
    final JdbcWorkflowStore store;
    final RecordingWorkflow workflow;
    final CamelContext camel;
    private final ProducerTemplate producer;
    private final JdbcConnectionPool pool;

    /**
     * A node taking events on {@code direct:events}: with {@code forward} a forward-mode consumer that listens for
     * other nodes' notifications on a free loopback port, otherwise the producer form (stores, then leaves events
     * of other owners to a forward or their owner's sweep).
     */
    ClusterNode(String id, ZkRingSettings settings, String jdbcUrl, SafetyRecorder recorder, boolean forward)
            throws Exception {
        this.id = id;
        String address = forward ? "netty-http:http://127.0.0.1:" + freePort() + "/workflow-ring/" + id : "";
        client = ZkTesting.client(settings);
        ring = new ZkRingNode(client, settings, new MemberRecord(id, 1, address, MemberState.JOINING), 64);
        ring.start();
        ring.activate();
        // A pool: without one every store call opens a new TCP connection to the H2 server.
        pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
        pool.setMaxConnections(8);
        store = new JdbcWorkflowStore(pool, StoreConfig.of(Database.H2));
        store.start();
        workflow = new RecordingWorkflow(id, recorder);
        DefaultCamelContext context = new DefaultCamelContext();
        context.setName("node-" + id);
        camel = context;
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(ring);
        component.setStore(store);
        component.setWorkflowRegistry(MapWorkflowRegistry.of(workflow));
        component.setAdvertisedAddress(address);
        camel.addComponent("workflow-ring", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String options = "workflowType=counter&workerThreads=4&recoverySweepPeriod=300&lockTimeout=1000"
                        + "&relayRetryDelay=100";
                if (forward) {
                    from("workflow-ring:counters:direct:events?mode=forward&" + options)
                            .process(e -> recorder.outcome(e.getMessage().getHeader("WorkflowRingOutcome", String.class)));
                } else {
                    from("direct:events").to("workflow-ring:counters?" + options);
                }
                from("direct:backend").process(e -> recorder.delivered(
                        e.getMessage().getHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY, String.class),
                        e.getMessage().getHeader(WorkflowRingHeaders.INSTANCE_ID, String.class),
                        Long.parseLong(e.getMessage().getHeader("n", String.class))));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Sends one event through this node's producer. */
    void send(String instance, long n) {
        producer.sendBodyAndHeaders("direct:events", Long.toString(n),
                Map.of(WorkflowRingHeaders.INSTANCE_ID, instance, WorkflowRingHeaders.EVENT_KEY, "e" + n));
    }

    /** A port free on loopback now; several builds share this machine, so never a fixed one. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        workflow.release();
        camel.stop();
        ring.close();
        client.close();
        store.close();
        pool.dispose();
    }
}
