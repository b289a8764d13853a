package org.workflowring.bench.zk;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.workflowring.ring.Ring;
import org.workflowring.zookeeper.BlackHoleProxy;
import org.workflowring.zookeeper.LockGrant;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.Readiness;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * The failover timeline under a black-hole partition with the default settings: when the partitioned holder stops
 * work (SUSPENDED), when another node holds its lock, when the other node's ring drops it, when it sees LOST.
 */
final class FailoverTimeline {

    private FailoverTimeline() {
    }

    static void run(int runs) throws Exception {
        ZkRingSettings defaults = ZkRingSettings.of("unused:1", "failover");
        System.out.printf("defaults: session %d ms, connection %d ms, tick %d ms; times from the start of the partition%n",
                defaults.sessionTimeout().toMillis(), defaults.connectionTimeout().toMillis(), defaults.tickTime().toMillis());
        System.out.printf("%4s %12s %14s %14s %10s %10s%n", "run", "suspended", "other-holds", "ring-without", "lost",
                "overlap");
        for (int run = 1; run <= runs; run++) {
            once(run, defaults);
        }
    }

    private static void once(int run, ZkRingSettings defaults) throws Exception {
        try (TestingServer server = ZkTesting.server(defaults.tickTime());
             BlackHoleProxy proxy = new BlackHoleProxy(server.getPort())) {
            ZkRingSettings viaProxy = ZkRingSettings.of(proxy.connectString(), "failover");
            ZkRingSettings direct = ZkRingSettings.of(server.getConnectString(), "failover");
            try (CuratorFramework ca = ZkTesting.client(viaProxy);
                 CuratorFramework cb = ZkTesting.client(direct);
                 ZkRingNode a = new ZkRingNode(ca, viaProxy, new MemberRecord("a", 1, "", MemberState.JOINING), 64);
                 ZkRingNode b = new ZkRingNode(cb, direct, new MemberRecord("b", 1, "", MemberState.JOINING), 64)) {
                Map<Readiness.Level, Long> levels = new ConcurrentHashMap<>();
                a.readiness().addListener(level -> levels.putIfAbsent(level, System.nanoTime()));
                a.start();
                b.start();
                a.activate();
                b.activate();
                long setupDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(ringSize(a) == 2 && ringSize(b) == 2 && a.readiness().isReady())) {
                    check(setupDeadline, "ring of two");
                    Thread.sleep(10);
                }
                String instance = ownedBy(a.ring().orElseThrow(), "a");
                a.locks().acquire(instance, Duration.ofSeconds(5));
                levels.clear();

                long t0 = System.nanoTime();
                proxy.blackHole();
                CompletableFuture<Long> bHolds = CompletableFuture.supplyAsync(() -> {
                    try {
                        LockGrant g = b.locks().acquire(instance, Duration.ofSeconds(60));
                        return g == null ? -1L : System.nanoTime();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long ringWithout = -1;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ringWithout < 0 || !levels.containsKey(Readiness.Level.NOT_READY)) {
                    if (ringWithout < 0 && ringSize(b) == 1) {
                        ringWithout = System.nanoTime();
                    }
                    check(deadline, "failover");
                    Thread.sleep(5);
                }
                long holds = bHolds.get(60, TimeUnit.SECONDS);
                long suspended = levels.getOrDefault(Readiness.Level.SUSPENDED, -1L);
                long lost = levels.get(Readiness.Level.NOT_READY);
                System.out.printf("%4d %10d ms %12d ms %12d ms %7d ms %7d ms%n", run, ms(suspended - t0), ms(holds - t0),
                        ms(ringWithout - t0), ms(lost - t0), Math.max(0, ms(suspended - holds)));
                proxy.heal();
            }
        }
    }

    private static int ringSize(ZkRingNode node) {
        return node.ring().map(Ring::size).orElse(0);
    }

    private static String ownedBy(Ring ring, String nodeId) {
        for (int i = 0; ; i++) {
            if (ring.ownerOf("wf-" + i).id().equals(nodeId)) {
                return "wf-" + i;
            }
        }
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
