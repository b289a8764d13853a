package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/** Join, leave, drain and crash produce the same ring on every node. */
class MembershipTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final ZkServerFixture zk = new ZkServerFixture("membership");

    private record Node(CuratorFramework client, ZkRingNode ring) { }

    private Node node(String id) throws Exception {
        CuratorFramework client = ZkTesting.client(zk.settings());
        zk.closeLater(client);
        ZkRingNode node = new ZkRingNode(client, zk.settings(), new MemberRecord(id, 1, "http://" + id, MemberState.JOINING), 16);
        zk.closeLater(node);
        node.start();
        return new Node(client, node);
    }

    private Node activeNode(String id) throws Exception {
        Node node = node(id);
        node.ring().activate();
        return node;
    }

    /** The member ids of every ring the node's listeners are told of from now on. */
    private static List<Set<String>> ringsSeenBy(Node n) {
        List<Set<String>> seen = new CopyOnWriteArrayList<>();
        n.ring().addRingListener(change -> seen.add(change.after()
                .map(r -> r.members().stream().map(Member::id).collect(Collectors.toSet())).orElse(Set.of())));
        return seen;
    }

    private static Set<String> ringMembers(Node n) {
        return n.ring().ring().map(r -> r.members().stream().map(Member::id).collect(Collectors.toSet())).orElse(Set.of());
    }

    private static void awaitRingOnEvery(Set<String> expected, Node... nodes) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (Node n : nodes) {
                assertThat(ringMembers(n)).as("ring of %s", n.ring().nodeId()).isEqualTo(expected);
            }
        });
        long version = nodes[0].ring().ring().map(Ring::version).orElse(0L);
        for (Node n : nodes) {
            assertThat(n.ring().ring().map(Ring::version).orElse(0L)).isEqualTo(version);
        }
    }

    @Test
    void joiningNodesAreRegisteredButNotInTheRingUntilActivated() throws Exception {
        Node a = node("a");
        Node b = node("b");

        await().atMost(WAIT).until(() -> a.ring().view().members().keySet().equals(Set.of("a", "b")));
        assertThat(a.ring().ring()).isEmpty();

        a.ring().activate();
        b.ring().activate();
        awaitRingOnEvery(Set.of("a", "b"), a, b);
        assertThat(a.ring().view().members().get("b").address()).isEqualTo("http://b");
    }

    @Test
    void joinGivesEveryNodeTheSameRing() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.ring().activate();
        b.ring().activate();
        awaitRingOnEvery(Set.of("a", "b"), a, b);

        Node c = node("c");
        c.ring().activate();

        awaitRingOnEvery(Set.of("a", "b", "c"), a, b, c);
    }

    @Test
    void closedNodeLeavesTheRingOnEveryNode() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        for (Node n : List.of(a, b, c)) {
            n.ring().activate();
        }
        awaitRingOnEvery(Set.of("a", "b", "c"), a, b, c);

        c.ring().close();

        awaitRingOnEvery(Set.of("a", "b"), a, b);
    }

    @Test
    void drainingNodeLeavesTheRingButStaysRegistered() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.ring().activate();
        b.ring().activate();
        awaitRingOnEvery(Set.of("a", "b"), a, b);

        b.ring().drain();

        awaitRingOnEvery(Set.of("a"), a, b);
        assertThat(a.ring().view().members().get("b").state()).isEqualTo(MemberState.DRAINING);
    }

    @Test
    void lastActiveNodeDrainingLeavesNoRing() throws Exception {
        Node a = node("a");
        a.ring().activate();
        awaitRingOnEvery(Set.of("a"), a);

        a.ring().drain();

        await().atMost(WAIT).until(() -> a.ring().ring().isEmpty());
    }

    @Test
    void sessionExpiryRemovesTheMemberEverywhereUntilItRegistersAgain() throws Exception {
        Node a = activeNode("a");
        Node b = activeNode("b");
        awaitRingOnEvery(Set.of("a", "b"), a, b);
        List<Set<String>> seenByA = ringsSeenBy(a);

        ZkTesting.expireOnServer(b.client(), zk.server().getConnectString());

        // b is gone for a, then PersistentNode recreates b's znode in the new session (with its last state).
        await().atMost(WAIT).until(() -> seenByA.contains(Set.of("a")));
        awaitRingOnEvery(Set.of("a", "b"), a, b);
        await().atMost(WAIT).until(() -> b.ring().readiness().isReady());
    }

    @Test
    void crashedClientIsRemovedWhenTheServerExpiresItsSession() throws Exception {
        Node a = activeNode("a");
        Node b = activeNode("b");
        awaitRingOnEvery(Set.of("a", "b"), a, b);

        List<Set<String>> seenByA = ringsSeenBy(a);
        List<Readiness.Level> levelsOfB = new CopyOnWriteArrayList<>();
        b.ring().readiness().addListener(levelsOfB::add);

        // Client-side expiry: b is told LOST at once and starts a new session, while the server keeps b's old
        // session (and znode) until the session timeout, exactly as for a crashed process.
        ZkTesting.injectExpiry(b.client());

        await().atMost(WAIT).until(() -> levelsOfB.contains(Readiness.Level.NOT_READY));
        await().atMost(WAIT).until(() -> seenByA.contains(Set.of("a")));
        awaitRingOnEvery(Set.of("a", "b"), a, b);
        await().atMost(WAIT).until(() -> b.ring().readiness().isReady());
    }

    @Test
    void listenersRunOnTheViewThreadWithOldRingNewRingAndDiff() throws Exception {
        Node a = node("a");
        a.ring().activate();
        awaitRingOnEvery(Set.of("a"), a);
        List<RingChange> changes = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        a.ring().addRingListener(change -> {
            changes.add(change);
            threads.add(Thread.currentThread().getName());
        });

        Node b = node("b");
        b.ring().activate();

        await().atMost(WAIT).until(() -> changes.stream().anyMatch(c -> c.after().map(r -> r.size() == 2).orElse(false)));
        RingChange join = changes.stream().filter(c -> c.after().map(r -> r.size() == 2).orElse(false)).findFirst().get();
        assertThat(join.before().map(Ring::size)).isEqualTo(Optional.of(1));
        assertThat(join.diff()).isPresent();
        assertThat(join.gainedBy("b")).isNotEmpty().isEqualTo(join.lostBy("a"));
        assertThat(threads).allMatch(t -> t.startsWith("ring-view"));
    }
}
