package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.ring.Ring;

/** A node gives up exactly the locks of the instances that moved away: on join of another node and on drain. */
class RingNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final ZkServerFixture zk = new ZkServerFixture("handoff");

    private ZkRingNode node(String id) throws Exception {
        CuratorFramework client = ZkTesting.client(zk.settings());
        zk.closeLater(client);
        ZkRingNode node = new ZkRingNode(client, zk.settings(), new MemberRecord(id, 1, "", MemberState.JOINING), 16);
        zk.closeLater(node);
        node.start();
        node.activate();
        await().atMost(WAIT).until(() -> node.readiness().isReady() && node.ring().map(r -> r.contains(id)).orElse(false));
        return node;
    }

    @Test
    void joinOfAnotherNodeReleasesOnlyTheLocksOfInstancesThatMovedToIt() throws Exception {
        ZkRingNode a = node("a");
        Map<String, LockListener.Reason> ended = new ConcurrentHashMap<>();
        a.locks().addListener((grant, reason) -> ended.put(grant.instanceId(), reason));
        for (int i = 0; i < 40; i++) {
            a.locks().acquire("wf-" + i, Duration.ofSeconds(1));
        }

        ZkRingNode b = node("b");
        await().atMost(WAIT).until(() -> a.ring().map(Ring::size).orElse(0) == 2);

        Ring ring = a.ring().orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            for (int i = 0; i < 40; i++) {
                String id = "wf-" + i;
                boolean staysWithA = ring.ownerOf(id).id().equals("a");
                assertThat(a.locks().grant(id).isPresent()).as(id).isEqualTo(staysWithA);
                assertThat(ended.get(id)).as(id).isEqualTo(staysWithA ? null : LockListener.Reason.OWNERSHIP_LOST);
            }
        });
        assertThat(ended).isNotEmpty();
        String moved = ended.keySet().iterator().next();
        assertThat(b.locks().acquire(moved, Duration.ofSeconds(1))).isNotNull();
    }

    @Test
    void drainReleasesEveryLockAndHandsTheRangesToTheOthers() throws Exception {
        ZkRingNode a = node("a");
        ZkRingNode b = node("b");
        await().atMost(WAIT).until(() -> a.ring().map(Ring::size).orElse(0) == 2);
        String ofA = PartitionIT.instanceOwnedBy(a.ring().orElseThrow(), "a");
        a.locks().acquire(ofA, Duration.ofSeconds(1));
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.addRingListener(change -> order.add("listener sees lock held: " + a.locks().grant(ofA).isPresent()));

        a.drain();

        await().atMost(WAIT).until(() -> a.locks().heldInstances().isEmpty());
        await().atMost(WAIT).until(() -> b.ring().map(r -> r.size() == 1 && r.contains("b")).orElse(false));
        assertThat(order).first().isEqualTo("listener sees lock held: true");
        assertThat(a.owns(ofA)).isFalse();
        assertThat(b.owns(ofA)).isTrue();
        assertThat(b.locks().acquire(ofA, Duration.ofSeconds(1))).isNotNull();
    }
}
