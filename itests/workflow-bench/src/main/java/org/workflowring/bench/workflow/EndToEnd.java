package org.workflowring.bench.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.camel.WorkflowRingComponent;
import org.workflowring.camel.WorkflowRingHeaders;
import org.workflowring.ring.HashRange;
import org.workflowring.store.Database;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreConfig;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * End to end on one node: producer -> store -> dispatcher -> lock -> workflow -> fenced commit -> outbox relay ->
 * backend, on embedded H2 and an in-process ZooKeeper. Two modes in the same run: locks held while the instance is
 * active (the product), and a baseline whose backend releases the instance lock after every event, so every event
 * pays a lock acquire, a release and a claim.
 */
final class EndToEnd {

    private static final int FEEDERS = 4;

    private EndToEnd() {
    }

    static void run(int events, int instances) throws Exception {
        try (TestingServer zk = ZkTesting.server(Duration.ofMillis(200))) {
            // Warm-up, then the measured pair; the baseline runs with a tenth of the events (it is that slow).
            measure(zk, false, events / 4, instances);
            double held = measure(zk, false, events, instances);
            double perEvent = measure(zk, true, Math.max(instances, events / 10), instances);
            System.out.printf("e2e: held locks %,.0f events/s, lock per event %,.0f events/s, ratio %.1fx%n",
                    held, perEvent, held / perEvent);
        }
    }

    private static double measure(TestingServer zk, boolean lockPerEvent, int events, int instances) throws Exception {
        String ringName = "bench-" + UUID.randomUUID();
        ZkRingSettings settings = ZkRingSettings.of(zk.getConnectString(), ringName)
                .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(3));
        // Two connections: H2 takes a monitor per written table at commit, more writers only contend (docs/store.md).
        LeanPool pool = new LeanPool("jdbc:h2:mem:" + ringName + ";DB_CLOSE_DELAY=-1", 2);
        JdbcWorkflowStore store = new JdbcWorkflowStore(pool, StoreConfig.of(Database.H2));
        store.start();
        CuratorFramework client = ZkTesting.client(settings);
        ZkRingNode node = new ZkRingNode(client, settings, new MemberRecord("bench", 1, "", MemberState.JOINING), 64);
        node.start();
        node.activate();
        while (!node.readiness().isReady() || node.ring().isEmpty()) {
            Thread.onSpinWait();
        }
        AtomicLong delivered = new AtomicLong();
        CamelContext camel = new DefaultCamelContext();
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(node);
        component.setStore(store);
        component.setWorkflowRegistry(MapWorkflowRegistry.of(new Counter()));
        camel.addComponent("workflow-ring", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").to("workflow-ring:bench?workflowType=counter&workerThreads=4"
                        + "&mailboxBound=1000&recoverySweepPeriod=1000");
                from("direct:backend").process(e -> {
                    delivered.incrementAndGet();
                    if (lockPerEvent) {
                        // Baseline: give the lock back after every event, as a lock-per-event engine would.
                        node.locks().release(e.getMessage().getHeader(WorkflowRingHeaders.INSTANCE_ID, String.class));
                    }
                });
            }
        });
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();
        ExecutorService feeders = Executors.newFixedThreadPool(FEEDERS);
        long start = System.nanoTime();
        Future<?>[] feeding = new Future<?>[FEEDERS];
        for (int f = 0; f < FEEDERS; f++) {
            int feeder = f;
            feeding[f] = feeders.submit(() -> {
                for (int e = feeder; e < events; e += FEEDERS) {
                    producer.sendBodyAndHeaders("direct:events", "x".getBytes(StandardCharsets.UTF_8), Map.of(
                            WorkflowRingHeaders.INSTANCE_ID, "wf-" + (e % instances),
                            WorkflowRingHeaders.EVENT_KEY, "e" + e));
                }
                return null;
            });
        }
        for (Future<?> f : feeding) {
            f.get(600, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (delivered.get() < events && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = events / seconds;
        System.out.printf("e2e %s: %,d events on %,d instances in %.2f s = %,.0f events/s (delivered %,d, pending %d)%n",
                lockPerEvent ? "lock per event" : "held locks", events, instances, seconds, rate, delivered.get(),
                store.pendingInstances(List.of(HashRange.FULL)).size());
        feeders.shutdown();
        camel.stop();
        node.close();
        client.close();
        store.close();
        pool.close();
        return rate;
    }

    /** Type {@code counter}: counts events and sends one message per event. */
    private static final class Counter implements Workflow {
        @Override
        public String type() {
            return "counter";
        }

        @Override
        public Transition apply(byte[] state, WorkflowEvent event) {
            long n = state.length == 0 ? 0 : Long.parseLong(new String(state, StandardCharsets.UTF_8));
            return Transition.to(Long.toString(n + 1)).send(new OutgoingMessage("direct:backend", Map.of(),
                    event.payload()));
        }
    }
}
