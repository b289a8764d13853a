package org.workflowring.camel;

/** The message headers the {@code workflow-ring:} component reads and writes. */
public final class WorkflowRingHeaders {

    /** The workflow instance id of an event (the default instance id expression reads it). */
    public static final String INSTANCE_ID = "WorkflowInstanceId";
    /** The event's key, unique within its instance; defaults to the Camel message id. */
    public static final String EVENT_KEY = "WorkflowEventKey";
    /** Overrides the endpoint's {@code workflowType} for one event. */
    public static final String WORKFLOW_TYPE = "WorkflowType";
    /** On relayed outbox messages: {@code instanceId:seq}, the same on every attempt, for the backend to drop duplicates. */
    public static final String IDEMPOTENCY_KEY = "WorkflowIdempotencyKey";
    /**
     * On relayed outbox messages: the fencing token (a {@code long}) of the lock grant under which the node sent it.
     * Every later holder of the instance has a higher one, so a backend that refuses a token lower than the highest it
     * has seen for the instance never acts on a message of a node that lost it. A row sent again by the next holder
     * (its first holder stopped before marking it sent) comes with the same key and a higher token.
     */
    public static final String FENCE = "WorkflowFence";
    /** On dead letters: why the event was given up on, a {@link DeadLetterReason} name. */
    public static final String DEAD_LETTER_REASON = "WorkflowDeadLetterReason";
    /** On dead letters: a human-readable detail (exception message, limit exceeded). */
    public static final String DEAD_LETTER_DETAIL = "WorkflowDeadLetterDetail";
    /** On dead letters: the stored event's sequence number, when it was stored. */
    public static final String EVENT_SEQ = "WorkflowEventSeq";

    private WorkflowRingHeaders() {
    }
}
