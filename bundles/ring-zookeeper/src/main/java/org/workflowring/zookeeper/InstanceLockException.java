package org.workflowring.zookeeper;

import java.util.Objects;

/** An instance lock could not be acquired; names the instance. */
public class InstanceLockException extends Exception {

    private final String instanceId;

    /** An exception for {@code instanceId} with a message and an optional cause. */
    public InstanceLockException(String instanceId, String message, Throwable cause) {
        super(message, cause);
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId must not be null");
    }

    /** The instance whose lock was wanted. */
    public String instanceId() {
        return instanceId;
    }
}
