package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Readiness follows the connection: suspended stops work synchronously, reconnect re-validates, then resumes. */
class ReadinessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void suspendedNodeStopsAcquiringAndResumesAfterReconnectWithItsLocks() throws Exception {
        try (TestingServer server = ZkTesting.server(Duration.ofMillis(200));
             BlackHoleProxy proxy = new BlackHoleProxy(server.getPort());
             LockNode a = new LockNode("a", ZkRingSettings.of(proxy.connectString(), "ready")
                     .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2)))) {
            await().atMost(WAIT).until(a.readiness::isReady);
            LockGrant held = a.locks.acquire("kept", Duration.ofSeconds(1));

            proxy.blackHole();
            await().atMost(WAIT).until(() -> a.readiness.level() == Readiness.Level.SUSPENDED);

            // Told on Curator's connection-state thread, i.e. before Curator's state callback returned.
            assertThat(a.events.stream().filter(e -> e.what().equals("SUSPENDED")).findFirst().orElseThrow().thread())
                    .startsWith("Curator-ConnectionStateManager");
            assertThatThrownBy(() -> a.locks.acquire("new", Duration.ofMillis(100)))
                    .isInstanceOf(InstanceLockException.class).hasMessageContaining("suspended");
            assertThatThrownBy(() -> a.locks.acquire("kept", Duration.ofMillis(100)))
                    .as("a held lock is not handed out while suspended either")
                    .isInstanceOf(InstanceLockException.class);

            // Heal before the server's 6 s session expiry (SUSPENDED came at 2/3 of it at the latest).
            proxy.heal();
            await().atMost(WAIT).until(a.readiness::isReady);
            assertThat(a.locks.grant("kept")).contains(held);
            assertThat(a.locks.acquire("new", Duration.ofSeconds(1))).isNotNull();
        }
    }

    @Test
    void lostSessionDropsEveryLockAndTheNodeIsNotReadyUntilReconnected() throws Exception {
        try (TestingServer server = ZkTesting.server(Duration.ofMillis(200));
             LockNode a = new LockNode("a", ZkRingSettings.of(server.getConnectString(), "ready")
                     .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            await().atMost(WAIT).until(a.readiness::isReady);
            a.locks.acquire("one", Duration.ofSeconds(1));
            a.locks.acquire("two", Duration.ofSeconds(1));

            ZkTesting.injectExpiry(a.client);

            await().atMost(WAIT).until(() -> a.saw("NOT_READY"));
            assertThat(a.saw("SESSION_LOST one")).isTrue();
            assertThat(a.saw("SESSION_LOST two")).isTrue();
            assertThat(a.firstNanos("SESSION_LOST one")).isGreaterThanOrEqualTo(a.firstNanos("NOT_READY"));
            await().atMost(WAIT).until(a.readiness::isReady);
            assertThat(a.locks.heldInstances()).isEmpty();
        }
    }
}
