package org.workflowring.camel;

/** Why an event went to the dead-letter endpoint (header {@link WorkflowRingHeaders#DEAD_LETTER_REASON}). */
public enum DeadLetterReason {
    /** The instance id expression gave nothing: the event cannot be stored or routed. */
    MISSING_INSTANCE_ID,
    /** No workflow is registered for the event's type; the event is stored and parked until one appears. */
    UNKNOWN_WORKFLOW_TYPE,
    /** The payload exceeds {@code maxPayloadBytes}: not stored. */
    PAYLOAD_TOO_LARGE,
    /** The workflow threw on every attempt; the event row is kept as DEAD, the instance goes on with its next event. */
    WORKFLOW_FAILED,
    /** The instance had finished before this event; the event row is kept as DEAD. */
    INSTANCE_FINISHED
}
