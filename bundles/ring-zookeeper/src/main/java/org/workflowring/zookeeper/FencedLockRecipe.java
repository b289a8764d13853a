package org.workflowring.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

/**
 * The lock protocol on ephemeral-sequential znodes: the lowest sequence under an instance's container holds it.
 *
 * <p>Compared with {@code InterProcessSemaphoreMutex} it needs one create, one getChildren and one delete per
 * uncontended grant (two more requests the first time an instance is locked), it is not bound to a thread, and the create returns the znode's {@code czxid}, which is the
 * fencing token (docs/zookeeper.md has the measured comparison).
 *
 * <p>Safety against CURATOR-604 (a client on a new session seeing its own node from the old, expiring session): a
 * grant needs the lowest node to be the one created by this attempt <em>and</em> owned by the client's current
 * session, checked after the children were read; otherwise the attempt is abandoned and started afresh.
 *
 * <p><b>IMPORTANT</b>: a grant is only as good as the session; callers must stop using it on {@code SUSPENDED}
 * and drop it on {@code LOST} ({@link Readiness} does both).
 */
final class FencedLockRecipe {

    private static final String PREFIX = "lock-";
    /** Re-check our own node at least this often while waiting, in case the session changed under us. */
    private static final long MAX_WAIT_SLICE_MS = 500;

    private final CuratorFramework client;
    private final byte[] ownerData;

    FencedLockRecipe(CuratorFramework client, String ownerId) {
        this.client = Objects.requireNonNull(client, "client must not be null");
        this.ownerData = Objects.requireNonNull(ownerId, "ownerId must not be null").getBytes(StandardCharsets.UTF_8);
    }

    /** Acquires the lock under {@code lockPath} or throws; runs on the caller's thread. */
    LockGrant acquire(String instanceId, String lockPath, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            LockGrant grant = attempt(instanceId, lockPath, deadline, timeout);
            if (grant != null) {
                return grant;
            }
            // The session changed during the attempt: its node is dead or dying. Start again while time remains.
            if (System.nanoTime() - deadline >= 0) {
                throw new LockTimeoutException(instanceId, null, timeout);
            }
        }
    }

    /** Deletes the lock znode; Curator keeps retrying in the background if the connection fails meanwhile. */
    void release(LockGrant grant) throws Exception {
        try {
            client.delete().guaranteed().forPath(grant.path());
        } catch (KeeperException.NoNodeException alreadyGone) {
            // The session ended and took the node with it: released either way.
        }
    }

    /**
     * Deletes the lock znode without waiting for the answer: many such deletes travel pipelined on the connection
     * and the ensemble commits them in batches, where one synchronous delete after another costs a quorum write each
     * (about 330 moved locks took 1-2 s on the ring-view thread when a node joined). Curator keeps retrying a delete
     * that the connection loses.
     */
    void releaseInBackground(LockGrant grant) {
        deleteQuietly(grant.path());
    }

    /** Whether the grant's znode still exists and belongs to the grant's session. */
    boolean stillHeld(LockGrant grant) throws Exception {
        Stat stat = client.checkExists().forPath(grant.path());
        return stat != null && stat.getEphemeralOwner() == grant.sessionId() && currentSession() == grant.sessionId();
    }

    /** One attempt; null when the session changed and the caller should retry. */
    private LockGrant attempt(String instanceId, String lockPath, long deadline, Duration timeout) throws Exception {
        Stat stat = new Stat();
        String ours = createLockNode(lockPath, stat);
        boolean granted = false;
        try {
            if (stat.getCzxid() == 0) {
                // Protected mode found our node after a connection loss and filled in no stat: read it.
                stat = client.checkExists().forPath(ours);
                if (stat == null) {
                    return null;
                }
            }
            String ourName = ZKPaths.getNodeFromPath(ours);
            String watched = null;
            CountDownLatch changed = new CountDownLatch(0);
            while (true) {
                List<String> children = client.getChildren().forPath(lockPath);
                children.sort(Comparator.comparing(FencedLockRecipe::sequence));
                int index = children.indexOf(ourName);
                if (index < 0 || stat.getEphemeralOwner() != currentSession()) {
                    return null;
                }
                if (index == 0) {
                    granted = true;
                    return new LockGrant(instanceId, ours, stat.getCzxid(), stat.getEphemeralOwner());
                }
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new LockTimeoutException(instanceId, holderOf(lockPath, children.get(0)), timeout);
                }
                String predecessor = children.get(index - 1);
                if (!predecessor.equals(watched) || changed.getCount() == 0) {
                    // One watch per predecessor (not per wait slice), so a long wait does not pile up watchers.
                    CountDownLatch latch = new CountDownLatch(1);
                    Stat exists = client.checkExists().usingWatcher((Watcher) e -> latch.countDown())
                            .forPath(ZKPaths.makePath(lockPath, predecessor));
                    if (exists == null) {
                        continue;
                    }
                    watched = predecessor;
                    changed = latch;
                }
                // Woken by ZooKeeper's event thread (deletion, or a disconnect/expiry event) through the latch;
                // the slice bounds how long a missed event could delay noticing a session change.
                changed.await(Math.min(remainingMs, MAX_WAIT_SLICE_MS), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (!granted) {
                deleteQuietly(ours);
            }
        }
    }

    /**
     * Creates our sequential node; on a new instance creates only its container and retries (2 extra requests,
     * where Curator's creatingParentContainersIfNeeded checks every ancestor: 5 extra).
     */
    private String createLockNode(String lockPath, Stat stat) throws Exception {
        String path = ZKPaths.makePath(lockPath, PREFIX);
        try {
            return createSequential(path, stat);
        } catch (KeeperException.NoNodeException noContainer) {
            try {
                client.create().withMode(CreateMode.CONTAINER).forPath(lockPath);
            } catch (KeeperException.NodeExistsException raced) {
                // Another node created it meanwhile: fine.
            } catch (KeeperException.NoNodeException noLocksParent) {
                // The ring's locks container itself was reaped (no instance was locked for a while).
                client.createContainers(lockPath);
            }
            return createSequential(path, stat);
        }
    }

    private String createSequential(String path, Stat stat) throws Exception {
        return client.create().storingStatIn(stat).withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(path, ownerData);
    }

    private String holderOf(String lockPath, String child) {
        try {
            return new String(client.getData().forPath(ZKPaths.makePath(lockPath, child)), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }

    private void deleteQuietly(String path) {
        try {
            client.delete().guaranteed().inBackground().forPath(path);
        } catch (Exception e) {
            // Guaranteed delete already retries in the background; an ephemeral node also dies with its session.
        }
    }

    private long currentSession() throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /** The sequence suffix; protected names carry a GUID prefix that must not decide the order. */
    private static String sequence(String child) {
        return child.substring(child.length() - 10);
    }
}
