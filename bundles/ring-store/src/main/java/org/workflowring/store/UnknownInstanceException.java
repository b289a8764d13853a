package org.workflowring.store;

/** An operation named a workflow instance that has no row in the store (no event was ever appended for it). */
public final class UnknownInstanceException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String instanceId;

    /** The instance {@code instanceId} is not stored; {@code operation} says what was attempted. */
    public UnknownInstanceException(String operation, String instanceId) {
        super(operation + ": instance '" + instanceId + "' is not stored");
        this.instanceId = instanceId;
    }

    /** The instance that is not stored. */
    public String instanceId() {
        return instanceId;
    }
}
