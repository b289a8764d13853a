package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.Ring;

/**
 * A node black-holed by the network (sockets open, no bytes) with the default settings: it stops working before
 * anyone else gets its lock, its locks move, and it comes back by itself after the partition heals.
 */
class PartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionIT.class);

    @Test
    void partitionedHolderStopsBeforeAnotherNodeTakesItsLockAndRejoinsAfterHealing() throws Exception {
        ZkRingSettings defaults = ZkRingSettings.of("unused:1", "partition");
        try (TestingServer server = ZkTesting.server(defaults.tickTime());
             BlackHoleProxy proxy = new BlackHoleProxy(server.getPort())) {
            ZkRingSettings viaProxy = ZkRingSettings.of(proxy.connectString(), "partition");
            ZkRingSettings direct = ZkRingSettings.of(server.getConnectString(), "partition");
            try (CuratorFramework ca = ZkTesting.client(viaProxy);
                 CuratorFramework cb = ZkTesting.client(direct);
                 ZkRingNode a = new ZkRingNode(ca, viaProxy, new MemberRecord("a", 1, "", MemberState.JOINING), 64);
                 ZkRingNode b = new ZkRingNode(cb, direct, new MemberRecord("b", 1, "", MemberState.JOINING), 64)) {
                List<long[]> levelsOfA = new CopyOnWriteArrayList<>();
                a.readiness().addListener(level -> levelsOfA.add(new long[] {System.nanoTime(), level.ordinal()}));
                a.start();
                b.start();
                a.activate();
                b.activate();
                await().atMost(Duration.ofSeconds(20)).until(() -> a.ring().map(Ring::size).orElse(0) == 2
                        && b.ring().map(Ring::size).orElse(0) == 2 && a.readiness().isReady());
                String instance = instanceOwnedBy(a.ring().orElseThrow(), "a");
                LockGrant before = a.locks().acquire(instance, Duration.ofSeconds(2));

                long t0 = System.nanoTime();
                proxy.blackHole();
                CompletableFuture<LockGrant> taken = CompletableFuture.supplyAsync(() -> acquire(b, instance));
                LockGrant afterGrant = taken.get(30, TimeUnit.SECONDS);
                long takenAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).until(() -> b.ring().map(Ring::size).orElse(0) == 1);
                long ringWithoutA = System.nanoTime();

                long suspendedAt = firstAt(levelsOfA, Readiness.Level.SUSPENDED);
                assertThat(suspendedAt).as("a suspended").isPositive().isLessThan(takenAt);
                assertThat(afterGrant.token()).isGreaterThan(before.token());
                await().atMost(Duration.ofSeconds(20)).until(() -> firstAt(levelsOfA, Readiness.Level.NOT_READY) > 0);
                long lostAt = firstAt(levelsOfA, Readiness.Level.NOT_READY);
                assertThat(a.locks().grant(instance)).isEmpty();
                LOG.warn("Partition timeline (session {} ms): a SUSPENDED +{} ms, b holds the lock +{} ms, b's ring "
                                + "without a +{} ms, a LOST +{} ms, overlap {} ms",
                        defaults.sessionTimeout().toMillis(), ms(suspendedAt - t0), ms(takenAt - t0),
                        ms(ringWithoutA - t0), ms(lostAt - t0), Math.max(0, ms(suspendedAt - takenAt)));

                proxy.heal();
                await().atMost(Duration.ofSeconds(30)).until(() -> a.readiness().isReady()
                        && a.ring().map(Ring::size).orElse(0) == 2 && b.ring().map(Ring::size).orElse(0) == 2);
                // b gave the instance back when a reappeared in its ring, so a can take it again, with a new token.
                await().atMost(Duration.ofSeconds(10)).until(() -> b.locks().grant(instance).isEmpty());
                assertThat(a.locks().acquire(instance, Duration.ofSeconds(5)).token()).isGreaterThan(afterGrant.token());
            }
        }
    }

    private static LockGrant acquire(ZkRingNode node, String instance) {
        try {
            return node.locks().acquire(instance, Duration.ofSeconds(25));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String instanceOwnedBy(Ring ring, String nodeId) {
        for (int i = 0; ; i++) {
            if (ring.ownerOf("wf-" + i).id().equals(nodeId)) {
                return "wf-" + i;
            }
        }
    }

    private static long firstAt(List<long[]> levels, Readiness.Level level) {
        return levels.stream().filter(l -> l[1] == level.ordinal()).mapToLong(l -> l[0]).findFirst().orElse(-1);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
