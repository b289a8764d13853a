package org.workflowring.store;

/**
 * An event to append to a workflow instance; the instance row is created with the first event.
 *
 * <p><b>IMPORTANT</b>: the payload array is not copied; do not change it after handing it over.
 *
 * @param instanceId   the workflow instance the event belongs to
 * @param workflowType the workflow type, stored when this event creates the instance (ignored otherwise)
 * @param eventKey     the event's key, unique within the instance: appending the same key again is a no-op
 * @param payload      the event body; {@code null} is stored as empty
 */
public record NewEvent(String instanceId, String workflowType, String eventKey, byte[] payload) {

    /** Rejects a missing or over-long instance id, workflow type or event key. */
    public NewEvent {
        Checks.name(instanceId, "instance id");
        Checks.name(workflowType, "workflow type of instance '" + instanceId + "'");
        Checks.name(eventKey, "event key of instance '" + instanceId + "'");
        payload = payload == null ? new byte[0] : payload;
    }
}
