package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session expiry while holding and while acquiring never gives two holders (including CURATOR-604). */
class SessionExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final ZkServerFixture zk = new ZkServerFixture("expiry");

    private LockNode node(String id, ZkRingSettings s) throws Exception {
        LockNode node = new LockNode(id, s);
        zk.closeLater(node);
        await().atMost(WAIT).until(node.readiness::isReady);
        return node;
    }

    private ZkRingSettings viaProxy(BlackHoleProxy proxy) {
        return ZkRingSettings.of(proxy.connectString(), "expiry").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void holderCutOffUntilItsSessionExpiresStopsBeforeAnotherNodeGetsItsLock() throws Exception {
        try (BlackHoleProxy proxy = new BlackHoleProxy(zk.server().getPort())) {
            LockNode a = node("a", viaProxy(proxy));
            LockNode b = node("b", zk.settings());
            LockGrant old = a.locks.acquire("held", Duration.ofSeconds(1));

            proxy.blackHole();
            LockGrant taken = b.locks.acquire("held", Duration.ofSeconds(10));
            long takenAt = System.nanoTime();

            // a stops at 2/3 of the session timeout, the server frees the lock at the timeout: a is first.
            assertThat(a.firstNanos("SUSPENDED")).isPositive().isLessThan(takenAt);
            await().atMost(WAIT).until(() -> a.saw("SESSION_LOST held"));
            assertThat(a.locks.grant("held")).isEmpty();
            assertThat(taken.token()).isGreaterThan(old.token());
        }
    }

    @Test
    void holderToldItsSessionExpiredDropsItsLockAndTheNextGrantHasALargerToken() throws Exception {
        LockNode a = node("a", zk.settings());
        LockNode b = node("b", zk.settings());
        LockGrant old = a.locks.acquire("held", Duration.ofSeconds(1));

        // IMPORTANT: this is also what a long GC pause looks like: the server may free the lock before a has
        // processed the expiry. Only the fencing token separates the two holders then, so the token is asserted.
        ZkTesting.injectExpiry(a.client);
        LockGrant taken = b.locks.acquire("held", Duration.ofSeconds(10));

        await().atMost(WAIT).until(() -> a.saw("SESSION_LOST held"));
        assertThat(a.locks.grant("held")).isEmpty();
        assertThat(taken.token()).isGreaterThan(old.token());
    }

    @Test
    void expiryDuringAcquireNeverGrantsOnTheOldSessionsNode() throws Exception {
        // CURATOR-604: after a new session, the old session's lock node is still listed until the server expires
        // it; an acquire that takes it for its own would hold the lock together with the next node.
        try (BlackHoleProxy proxy = new BlackHoleProxy(zk.server().getPort())) {
            LockNode a = node("a", viaProxy(proxy));
            LockNode b = node("b", zk.settings());
            LockNode c = node("c", zk.settings());
            b.locks.acquire("contended", Duration.ofSeconds(1));
            AtomicReference<String> holder = new AtomicReference<>();
            AtomicInteger overlaps = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<LockGrant> aGrant = CompletableFuture.supplyAsync(() -> holdBriefly(a, holder, overlaps), pool);
                await().atMost(WAIT).until(() -> children(b.client, "contended") == 2);
                long oldSession = ZkTesting.sessionId(a.client);

                // Expire a on its side only: whatever close it sends is swallowed, so the server keeps the old
                // session and its lock node for the full session timeout.
                proxy.blackHole();
                ZkTesting.injectExpiry(a.client);
                proxy.dropConnections();
                proxy.heal();
                await().atMost(WAIT).until(() -> ZkTesting.sessionId(a.client) != oldSession && a.readiness.isReady());
                assertThat(children(b.client, "contended")).as("old session's node still listed").isGreaterThanOrEqualTo(2);
                b.locks.release("contended");
                CompletableFuture<LockGrant> cGrant = CompletableFuture.supplyAsync(() -> holdBriefly(c, holder, overlaps), pool);

                LockGrant ga = aGrant.get();
                LockGrant gc = cGrant.get();
                assertThat(overlaps.get()).as("moments with two holders").isZero();
                assertThat(ga.sessionId()).isNotEqualTo(oldSession);
                assertThat(ga.token()).isNotEqualTo(gc.token());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Acquires, checks nobody else holds, keeps it beyond the old session's expiry, checks again, releases. */
    private static LockGrant holdBriefly(LockNode node, AtomicReference<String> holder, AtomicInteger overlaps) {
        try {
            LockGrant grant = node.locks.acquire("contended", Duration.ofSeconds(15));
            if (!holder.compareAndSet(null, node.id)) {
                overlaps.incrementAndGet();
            }
            // Hold for longer than the 2 s session timeout: a grant on the old session's node would now overlap.
            long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() > until);
            if (!node.id.equals(holder.get())) {
                overlaps.incrementAndGet();
            }
            holder.compareAndSet(node.id, null);
            node.locks.release("contended");
            return grant;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int children(CuratorFramework client, String instance) throws Exception {
        String path = "/workflow-ring/expiry/locks/" + instance;
        Stat stat = client.checkExists().forPath(path);
        return stat == null ? 0 : stat.getNumChildren();
    }

    @Test
    void lockZnodeGoneAfterReconnectIsTreatedAsLost() throws Exception {
        try (BlackHoleProxy proxy = new BlackHoleProxy(zk.server().getPort())) {
            // The longest session the server allows (20 ticks): the reconnect must beat expiry even on a loaded
            // machine, or the lock ends as SESSION_LOST (also safe) and this path goes untested.
            LockNode a = node("a", ZkRingSettings.of(proxy.connectString(), "expiry")
                    .withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(2)));
            LockNode admin = node("admin", zk.settings());
            LockGrant grant = a.locks.acquire("vanishing", Duration.ofSeconds(1));
            admin.client.delete().forPath(grant.path());

            proxy.dropConnections();

            await().atMost(WAIT).until(() -> a.saw("ZNODE_GONE vanishing"));
            await().atMost(WAIT).until(a.readiness::isReady);
            assertThat(a.locks.grant("vanishing")).isEmpty();
            assertThat(a.firstNanos("ZNODE_GONE vanishing")).isLessThan(a.events.stream()
                    .filter(e -> e.what().equals("READY")).mapToLong(LockNode.Event::nanos).max().orElseThrow());
        }
    }
}
