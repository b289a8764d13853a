package org.workflowring.zookeeper;

import java.util.Objects;

/**
 * One grant of an instance lock: which znode holds it, in which session, and its fencing token.
 *
 * @param instanceId the workflow instance
 * @param path       the lock znode this node created
 * @param token      the fencing token: the lock znode's creation zxid; every later grant for the instance has a
 *                   larger one, so the database can reject writes of an earlier holder
 * @param sessionId  the ZooKeeper session that owns the lock znode
 */
public record LockGrant(String instanceId, String path, long token, long sessionId) {

    /** Validates the grant. */
    public LockGrant {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        Objects.requireNonNull(path, "path must not be null");
        if (token <= 0) {
            throw new IllegalArgumentException("fencing token must be positive, was " + token);
        }
    }
}
