package org.workflowring.zookeeper;

import java.time.Duration;
import java.util.Optional;

/** Another node held an instance lock for longer than the caller wanted to wait; names the holder when known. */
public final class LockTimeoutException extends InstanceLockException {

    private final String holder;

    /** A timeout for {@code instanceId}; {@code holder} is the holding node id or null when unknown. */
    public LockTimeoutException(String instanceId, String holder, Duration waited) {
        super(instanceId, "lock of workflow instance '" + instanceId + "' not acquired within " + waited.toMillis()
                + " ms; held by " + (holder == null ? "an unknown node" : "node '" + holder + "'"), null);
        this.holder = holder;
    }

    /** The node id that held the lock when the wait ended, if it could be read. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }
}
