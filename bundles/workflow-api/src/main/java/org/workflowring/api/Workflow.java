package org.workflowring.api;

/**
 * The logic of one workflow type: given an instance's current state and its next event, the transition to make.
 *
 * <p>Published as an OSGi service (whiteboard) by a workflow bundle, or put into a {@link MapWorkflowRegistry} in
 * plain Java. The engine calls it for one instance at a time, events in order, on a worker thread.
 *
 * <p><b>IMPORTANT</b>: a workflow does no I/O of its own and keeps no per-instance state in fields: everything it
 * needs is in the state and the event, and everything it wants done leaves through {@link Transition#messages()}
 * (the engine writes them to the outbox in the same fenced transaction as the new state). It may be called again
 * with the same state and event (a retry, or another node after a takeover), so it must be deterministic.
 * Throwing makes the engine retry the event and, after its retries, send it to the dead-letter endpoint.
 */
public interface Workflow {

    /** The workflow type this service handles, e.g. {@code order}; constant for the life of the service. */
    String type();

    /**
     * The transition for {@code event} on an instance in {@code state}.
     *
     * @param state the state written by the previous transition; empty (never {@code null}) for a new instance
     * @param event the next event of the instance
     * @return the new state, the messages to send and whether the instance is finished; never {@code null}
     * @throws Exception when the event cannot be handled in this state
     */
    Transition apply(byte[] state, WorkflowEvent event) throws Exception;
}
