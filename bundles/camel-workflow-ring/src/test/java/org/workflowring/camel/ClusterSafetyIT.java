package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.HashRange;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * The promise under faults: 4 nodes (each its own CamelContext and Curator client) on a 3-server ZooKeeper
 * ensemble and one H2 TCP server process events while the test expires a session, stops a node's workers past the
 * session timeout, replaces a node and kills a ZooKeeper server. Odd nodes take events in forward mode (notifying
 * owners over loopback netty-http), even ones through the producer. At the end: every event processed once in order,
 * no idempotency key delivered twice, never two nodes inside the workflow of one instance.
 */
class ClusterSafetyIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSafetyIT.class);
    private static final int INSTANCES = Integer.getInteger("safety.instances", 2_000);
    private static final int EVENTS_PER_INSTANCE = Integer.getInteger("safety.eventsPerInstance", 10);
    private static final int FEEDERS = 4;
    /** {@code -Dsafety.forward=false}: every node through the producer, to compare against forward mode. */
    private static final boolean FORWARD_NODES = Boolean.parseBoolean(System.getProperty("safety.forward", "true"));
    private static final Duration WAIT = Duration.ofSeconds(300);

    private final SafetyRecorder recorder = new SafetyRecorder();
    private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
    private String jdbc;

    @Test
    void everyEventOnceInOrderAndNeverTwoNodesInsideOneInstanceUnderFaults() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(ZkTesting.spec(Duration.ofMillis(200)));
        }
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (TestingCluster zk = new TestingCluster(specs)) {
            zk.start();
            try {
                run(zk, h2);
            } finally {
                // Before the ensemble goes: closing nodes releases their locks and member znodes.
                for (ClusterNode node : nodes) {
                    node.close();
                }
            }
        } finally {
            h2.stop();
        }
    }

    private void run(TestingCluster zk, Server h2) throws Exception {
        jdbc = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:safety;DB_CLOSE_DELAY=-1";
        ZkRingSettings settings = ZkRingSettings.of(zk.getConnectString(), "safety")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        for (int i = 1; i <= 4; i++) {
            nodes.add(new ClusterNode("n" + i, settings, jdbc, recorder, forwards("n" + i)));
        }
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.ring.readiness().isReady()
                && n.ring.ring().map(r -> r.size() == 4).orElse(false)));

        long started = System.nanoTime();
        int total = INSTANCES * EVENTS_PER_INSTANCE;
        // Four feeders, each the only sender of its instances (so their order is defined), any node taking any
        // event (the producer stores it, the owner runs it); the main thread injects faults meanwhile.
        ExecutorService feeders = Executors.newFixedThreadPool(FEEDERS);
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> feeding = new ArrayList<>();
        for (int f = 0; f < FEEDERS; f++) {
            int feeder = f;
            feeding.add(feeders.submit(() -> {
                for (int n = 1; n <= EVENTS_PER_INSTANCE; n++) {
                    for (int i = feeder; i < INSTANCES; i += FEEDERS) {
                        sendSomewhere("wf-" + i, n, sent.getAndIncrement());
                    }
                }
                return null;
            }));
        }
        for (int fault = 1; fault <= 4; fault++) {
            int at = fault * total / 5;
            await().atMost(WAIT).until(() -> sent.get() >= at);
            inject(fault, settings, zk);
        }
        for (Future<?> f : feeding) {
            f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        feeders.shutdown();
        ClusterNode any = nodes.get(0);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() ->
                any.store.pendingInstances(List.of(HashRange.FULL)).isEmpty()
                        && any.store.unsentOutbox(List.of(HashRange.FULL), 1).isEmpty());
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.warn("Safety run: {} events for {} instances in {} s ({} events/s), {} workflow calls, {} deliveries,"
                + " forward-mode intake {}", total, INSTANCES, String.format("%.1f", seconds),
                Math.round(total / seconds), recorder.workflowCalls.get(), recorder.deliveries.get(), recorder.outcomes);

        if (FORWARD_NODES) {
            assertThat(recorder.outcomes.get("FORWARDED")).as("events forwarded to their owners").isNotNull()
                    .hasPositiveValue();
        }
        assertThat(recorder.violations).isEmpty();
        assertThat(recorder.duplicateKeys).isEmpty();
        assertThat(recorder.deliveredKeys).hasSize(total);
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= EVENTS_PER_INSTANCE; n++) {
            expected.add(n);
        }
        assertThat(recorder.deliveredByInstance).hasSize(INSTANCES);
        for (Map.Entry<String, List<Long>> e : recorder.deliveredByInstance.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
        }
    }

    /** Odd nodes (n1 expires, n3 stops, n5 joins) take events in forward mode, even ones through the producer. */
    private static boolean forwards(String node) {
        return FORWARD_NODES && (node.charAt(node.length() - 1) - '0') % 2 == 1;
    }

    /** Sends through a live node; retries on another one while a node is being replaced. */
    private void sendSomewhere(String instance, long n, int count) {
        for (int attempt = 0; ; attempt++) {
            List<ClusterNode> live = List.copyOf(nodes);
            try {
                live.get((count + attempt) % live.size()).send(instance, n);
                return;
            } catch (RuntimeException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /** Injects fault number {@code fault} (1 to 4) on the main thread. */
    private void inject(int fault, ZkRingSettings settings, TestingCluster zk) throws Exception {
        if (fault == 1) {
            LOG.warn("Fault: session of n1 expires");
            ZkTesting.expireOnServer(nodes.get(0).client, settings.connectString());
        } else if (fault == 2) {
            ClusterNode paused = nodes.get(1);
            LOG.warn("Fault: workers of n2 stop past the session timeout");
            CountDownLatch held = paused.workflow.holdWorkers();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch gone = new CountDownLatch(1);
            nodes.get(2).ring.addRingListener(c -> {
                if (c.after().map(r -> !r.contains("n2")).orElse(true)) {
                    gone.countDown();
                }
            });
            ZkTesting.expireOnServer(paused.client, settings.connectString());
            // The others take over n2's instances while its workers still hold decided transitions.
            assertThat(gone.await(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT).until(() -> paused.ring.readiness().isReady());
            paused.workflow.release();
        } else if (fault == 3) {
            LOG.warn("Fault: n3 stops, n5 starts");
            ClusterNode stopped = nodes.get(2);
            nodes.add(new ClusterNode("n5", settings, jdbc, recorder, forwards("n5")));
            nodes.remove(stopped);
            stopped.close();
        } else {
            InstanceSpec victim = zk.getInstances().iterator().next();
            LOG.warn("Fault: ZooKeeper server {} killed", victim.getConnectString());
            assertThat(zk.killServer(victim)).isTrue();
        }
    }
}
