package org.workflowring.itests.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Reads a ring's member znodes straight from the ensemble (not through a node), to see joins and leaves as
 * ZooKeeper sees them: {@code <root>/<ring>/members/<nodeId>}, root {@code /workflow-ring} as in the default
 * {@code org.workflowring.node.cfg}.
 */
public final class RingMembers {

    private RingMembers() {
    }

    public static List<String> members(String connectString, String ring) throws Exception {
        try (ZooKeeper zk = connect(connectString)) {
            return zk.getChildren(path(ring), false);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** When the member znode of {@code nodeId} was created, by the ensemble's clock (epoch milliseconds). */
    public static Optional<Long> joinedAtMillis(String connectString, String ring, String nodeId) throws Exception {
        try (ZooKeeper zk = connect(connectString)) {
            Stat stat = zk.exists(path(ring) + "/" + nodeId, false);
            return stat == null ? Optional.empty() : Optional.of(stat.getCtime());
        }
    }

    /**
     * When {@code nodeId} published ACTIVE (joined the ring), by the ensemble's clock (epoch milliseconds): the last
     * change of its member znode once that says ACTIVE, waiting up to {@code atMost} for it.
     */
    public static long awaitActiveSinceMillis(String connectString, String ring, String nodeId, Duration atMost)
            throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (ZooKeeper zk = connect(connectString)) {
            while (true) {
                Stat stat = new Stat();
                try {
                    byte[] data = zk.getData(path(ring) + "/" + nodeId, false, stat);
                    if (new String(data, StandardCharsets.UTF_8).contains("\"state\":\"ACTIVE\"")) {
                        return stat.getMtime();
                    }
                } catch (KeeperException.NoNodeException notYet) {
                    // not registered yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not within " + atMost + ": " + nodeId + " ACTIVE in ring " + ring);
                }
                Waits.sleep(Duration.ofMillis(50));
            }
        }
    }

    /**
     * When the member znode of {@code nodeId} last changed (its state, e.g. to DRAINING), by the ensemble's clock
     * (epoch milliseconds).
     */
    public static Optional<Long> changedAtMillis(String connectString, String ring, String nodeId) throws Exception {
        try (ZooKeeper zk = connect(connectString)) {
            Stat stat = zk.exists(path(ring) + "/" + nodeId, false);
            return stat == null ? Optional.empty() : Optional.of(stat.getMtime());
        }
    }

    private static String path(String ring) {
        return "/workflow-ring/" + ring + "/members";
    }

    private static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("cannot connect to ZooKeeper at " + connectString);
        }
        return zk;
    }
}
