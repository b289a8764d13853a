package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lock grants, release paths (idle release waits for pins), fencing tokens and mutual exclusion on a healthy ZooKeeper. */
class InstanceLockManagerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final ZkServerFixture zk = new ZkServerFixture("locks");

    private InstanceLockManager manager(String nodeId, ZkRingSettings s) throws Exception {
        CuratorFramework client = ZkTesting.client(s);
        zk.closeLater(client);
        InstanceLockManager manager = new InstanceLockManager(client, s, nodeId);
        zk.closeLater(manager);
        manager.start();
        return manager;
    }

    @Test
    void secondNodeTimesOutWithAnExceptionNamingInstanceAndHolder() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        a.acquire("order/42", Duration.ofSeconds(1));

        assertThatThrownBy(() -> b.acquire("order/42", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo("order/42");
                    assertThat(e.holder()).contains("node-a");
                })
                .hasMessageContaining("'order/42'").hasMessageContaining("node 'node-a'");
        assertThat(b.heldInstances()).isEmpty();
    }

    @Test
    void heldLockIsReusedWithoutAnyZooKeeperRequest() throws Exception {
        try (BlackHoleProxy proxy = new BlackHoleProxy(zk.server().getPort())) {
            InstanceLockManager a = manager("node-a", ZkRingSettings.of(proxy.connectString(), "locks"));
            LockGrant first = a.acquire("i-1", Duration.ofSeconds(1));
            long before = proxy.requests();

            for (int i = 0; i < 1_000; i++) {
                assertThat(a.acquire("i-1", Duration.ofSeconds(1))).isSameAs(first);
            }

            assertThat(proxy.requests() - before).isZero();
            a.close();
        }
    }

    @Test
    void fencingTokenOfEveryGrantIsGreaterThanAllEarlierOnes() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        long last = 0;
        for (int i = 0; i < 20; i++) {
            InstanceLockManager m = i % 2 == 0 ? a : b;
            // Interleave another instance's grants so zxids move between ours, as in a busy cluster.
            m.acquire("other-" + i, Duration.ofSeconds(1));
            LockGrant grant = m.acquire("fenced", Duration.ofSeconds(2));
            assertThat(grant.token()).isGreaterThan(last);
            last = grant.token();
            m.release("fenced");
        }
    }

    @Test
    void lockReleasedOnAnotherThreadCanBeTakenByAnotherNode() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            LockGrant grant = a.acquire("i-7", Duration.ofSeconds(1));
            assertThat(other.submit(() -> a.release("i-7")).get()).isTrue();

            LockGrant next = b.acquire("i-7", Duration.ofSeconds(2));

            assertThat(next.token()).isGreaterThan(grant.token());
            assertThat(a.grant("i-7")).isEmpty();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aLockGrantedWhileItsManagerClosesIsReleasedAndNotLeftOnTheSharedClient() throws Exception {
        CuratorFramework shared = ZkTesting.client(zk.settings());
        zk.closeLater(shared);
        InstanceLockManager closing = new InstanceLockManager(shared, zk.settings(), "engine-1");
        closing.start();
        InstanceLockManager holder = manager("node-b", zk.settings());
        holder.acquire("i-9", Duration.ofSeconds(1));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            // The worker waits for node-b's lock; the engine closes meanwhile; then node-b lets go.
            Future<LockGrant> waiting = worker.submit(() -> closing.acquire("i-9", WAIT));
            await().atMost(WAIT).until(() -> shared.getChildren().forPath(zk.settings().lockPath("i-9")).size() == 2);
            closing.close();
            holder.release("i-9");

            assertThatThrownBy(waiting::get).hasCauseInstanceOf(InstanceLockException.class)
                    .hasMessageContaining("closed while acquiring");
            // The next engine on the same client (same session) gets the lock: nothing of the closed one is left.
            InstanceLockManager next = new InstanceLockManager(shared, zk.settings(), "engine-2");
            zk.closeLater(next);
            next.start();
            assertThat(next.acquire("i-9", Duration.ofSeconds(5))).isNotNull();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void idleLockIsReleasedAndListenersAreTold() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings().withLockIdleTimeout(Duration.ofMillis(300)));
        InstanceLockManager b = manager("node-b", zk.settings());
        Map<String, LockListener.Reason> ended = new ConcurrentHashMap<>();
        a.addListener((grant, reason) -> ended.put(grant.instanceId(), reason));
        a.acquire("idle", Duration.ofSeconds(1));

        await().atMost(WAIT).until(() -> a.heldInstances().isEmpty());

        assertThat(ended).containsEntry("idle", LockListener.Reason.IDLE);
        assertThat(b.acquire("idle", Duration.ofSeconds(1))).isNotNull();
    }

    @Test
    void aPinnedLockOutlivesManyIdleTimeoutsAndIsReleasedByIdleTimeAfterUnpin() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings().withLockIdleTimeout(Duration.ofMillis(200)));
        InstanceLockManager b = manager("node-b", zk.settings());
        Map<String, LockListener.Reason> ended = new ConcurrentHashMap<>();
        a.addListener((grant, reason) -> ended.put(grant.instanceId(), reason));
        LockGrant grant = a.acquire("busy", Duration.ofSeconds(1));
        assertThat(a.pin(grant)).isTrue();

        // A worker inside a long event: five idle timeouts pass, and nobody else can take the lock.
        assertThatThrownBy(() -> b.acquire("busy", Duration.ofMillis(1_000))).isInstanceOf(LockTimeoutException.class);
        assertThat(a.grant("busy")).contains(grant);
        assertThat(ended).isEmpty();

        long unpinned = System.nanoTime();
        a.unpin(grant);
        LockGrant next = b.acquire("busy", Duration.ofSeconds(10));

        // Released by idle time counted from the end of the event, not at once.
        assertThat(Duration.ofNanos(System.nanoTime() - unpinned)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(ended).containsEntry("busy", LockListener.Reason.IDLE);
        assertThat(next.token()).isGreaterThan(grant.token());
        assertThat(a.pin(grant)).as("a grant no longer held cannot be pinned").isFalse();
    }

    @Test
    void releaseIfEndsExactlyTheMatchingLocksAndAnotherNodeGetsEachOfThem() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        List<LockGrant> ended = new ArrayList<>();
        a.addListener((grant, reason) -> ended.add(grant));
        for (int i = 0; i < 200; i++) {
            a.acquire("m-" + i, Duration.ofSeconds(1));
        }

        a.releaseIf(id -> Integer.parseInt(id.substring(2)) % 2 == 0, LockListener.Reason.OWNERSHIP_LOST);

        assertThat(ended).hasSize(100).allMatch(g -> Integer.parseInt(g.instanceId().substring(2)) % 2 == 0);
        assertThat(a.heldInstances()).hasSize(100).allMatch(id -> Integer.parseInt(id.substring(2)) % 2 == 1);
        for (int i = 0; i < 200; i += 2) {
            assertThat(b.acquire("m-" + i, Duration.ofSeconds(5)).token()).isPositive();
        }
        assertThatThrownBy(() -> b.acquire("m-1", Duration.ofMillis(200))).isInstanceOf(LockTimeoutException.class);
    }

    @Test
    void aPinnedLockWhoseOwnershipMovedIsHandedOffOnlyWhenItsWorkerLeavesTheEvent() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        Map<String, LockListener.Reason> ended = new ConcurrentHashMap<>();
        a.addListener((grant, reason) -> ended.put(grant.instanceId(), reason));
        LockGrant busy = a.acquire("busy", Duration.ofSeconds(1));
        a.acquire("quiet", Duration.ofSeconds(1));
        assertThat(a.pin(busy)).isTrue();

        a.releaseIf(id -> true, LockListener.Reason.OWNERSHIP_LOST);

        // The worker inside the event finds its grant gone at its next check; nobody else starts meanwhile.
        assertThat(a.grant("busy")).isEmpty();
        assertThat(a.pin(busy)).as("no new work under a grant being handed off").isFalse();
        assertThatThrownBy(() -> a.acquire("busy", Duration.ofSeconds(1))).isInstanceOf(InstanceLockException.class)
                .hasMessageContaining("being handed off");
        assertThatThrownBy(() -> b.acquire("busy", Duration.ofMillis(700))).isInstanceOf(LockTimeoutException.class);
        assertThat(ended).containsOnlyKeys("quiet");
        assertThat(b.acquire("quiet", Duration.ofSeconds(5))).isNotNull();

        a.unpin(busy);

        assertThat(b.acquire("busy", Duration.ofSeconds(5)).token()).isGreaterThan(busy.token());
        assertThat(ended).containsEntry("busy", LockListener.Reason.OWNERSHIP_LOST);
        assertThat(a.heldInstances()).isEmpty();
    }

    @Test
    void closeReleasesEveryLock() throws Exception {
        InstanceLockManager a = manager("node-a", zk.settings());
        InstanceLockManager b = manager("node-b", zk.settings());
        for (int i = 0; i < 5; i++) {
            a.acquire("c-" + i, Duration.ofSeconds(1));
        }

        a.close();

        for (int i = 0; i < 5; i++) {
            assertThat(b.acquire("c-" + i, Duration.ofSeconds(1))).isNotNull();
        }
    }

    @Test
    void managersOnSeveralClientsNeverHoldTheSameLockAtOnce() throws Exception {
        int managers = 6;
        String[] instances = {"x", "y", "z"};
        Map<String, String> holders = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(managers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int m = 0; m < managers; m++) {
                InstanceLockManager manager = manager("node-" + m, zk.settings());
                String me = "node-" + m;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 40; round++) {
                        String instance = instances[round % instances.length];
                        manager.acquire(instance, Duration.ofSeconds(10));
                        if (holders.putIfAbsent(instance, me) != null) {
                            violations.incrementAndGet();
                        }
                        grants.incrementAndGet();
                        holders.remove(instance, me);
                        manager.release(instance);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(grants.get()).isEqualTo(managers * 40);
        assertThat(violations.get()).isZero();
    }
}
