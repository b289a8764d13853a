package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.Test;
import org.workflowring.ring.Ring;

/** Killing the ZooKeeper leader or a follower of a 3-server ensemble changes no ownership while sessions survive. */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void killingTheLeaderThenAFollowerKeepsEveryLockAndTheRing() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(ZkTesting.spec(ZkRingSettings.DEFAULT_TICK_TIME));
        }
        try (TestingCluster cluster = new TestingCluster(specs)) {
            cluster.start();
            ZkRingSettings settings = ZkRingSettings.of(cluster.getConnectString(), "cluster");
            try (CuratorFramework ca = ZkTesting.client(settings);
                 CuratorFramework cb = ZkTesting.client(settings);
                 ZkRingNode a = new ZkRingNode(ca, settings, new MemberRecord("a", 1, "", MemberState.JOINING), 64);
                 ZkRingNode b = new ZkRingNode(cb, settings, new MemberRecord("b", 1, "", MemberState.JOINING), 64)) {
                a.start();
                b.start();
                a.activate();
                b.activate();
                await().atMost(WAIT).until(() -> a.ring().map(Ring::size).orElse(0) == 2
                        && b.ring().map(Ring::size).orElse(0) == 2 && a.readiness().isReady() && b.readiness().isReady());
                long ringVersion = a.ring().orElseThrow().version();
                List<RingChange> changes = new CopyOnWriteArrayList<>();
                a.addRingListener(changes::add);
                b.addRingListener(changes::add);
                List<Readiness.Level> levelsOfA = new CopyOnWriteArrayList<>();
                a.readiness().addListener(levelsOfA::add);
                List<LockListener.Reason> ended = new CopyOnWriteArrayList<>();
                a.locks().addListener((grant, reason) -> ended.add(reason));
                String ofA = PartitionIT.instanceOwnedBy(a.ring().orElseThrow(), "a");
                LockGrant held = a.locks().acquire(ofA, Duration.ofSeconds(5));
                long sessionA = ZkTesting.sessionId(ca);

                for (String role : List.of("leader", "follower")) {
                    InstanceSpec victim = serverInMode(cluster, role);
                    assertThat(cluster.killServer(victim)).as("killed the %s", role).isTrue();

                    await().atMost(WAIT).until(() -> quorumServes(cluster) && a.readiness().isReady()
                            && b.readiness().isReady());
                    assertThat(ZkTesting.sessionId(ca)).isEqualTo(sessionA);
                    assertThat(a.locks().grant(ofA)).contains(held);
                    assertThatThrownBy(() -> b.locks().acquire(ofA, Duration.ofMillis(500)))
                            .isInstanceOf(LockTimeoutException.class).hasMessageContaining("node 'a'");
                    assertThat(cluster.restartServer(victim)).isTrue();
                    await().atMost(WAIT).until(() -> allServe(cluster));
                }
                // The leader's death disconnects every client: the reconnect path really ran.
                assertThat(levelsOfA).contains(Readiness.Level.SUSPENDED, Readiness.Level.READY)
                        .doesNotContain(Readiness.Level.NOT_READY);
                assertThat(ended).isEmpty();
                assertThat(a.ring().orElseThrow().version()).isEqualTo(ringVersion);
                assertThat(changes).allSatisfy(c -> assertThat(c.after().map(Ring::size)).contains(2));
            }
        }
    }

    private static InstanceSpec serverInMode(TestingCluster cluster, String mode) throws Exception {
        for (InstanceSpec spec : cluster.getInstances()) {
            if (ZkTesting.srvr(spec.getPort()).contains("Mode: " + mode)) {
                return spec;
            }
        }
        throw new IllegalStateException("no " + mode + " in " + cluster.getConnectString());
    }

    private static boolean quorumServes(TestingCluster cluster) {
        return cluster.getInstances().stream().filter(s -> serves(s)).count() >= 2;
    }

    private static boolean allServe(TestingCluster cluster) {
        return cluster.getInstances().stream().allMatch(ClusterIT::serves);
    }

    private static boolean serves(InstanceSpec spec) {
        try {
            String answer = ZkTesting.srvr(spec.getPort());
            return answer.contains("Mode: leader") || answer.contains("Mode: follower");
        } catch (Exception e) {
            return false;
        }
    }
}
