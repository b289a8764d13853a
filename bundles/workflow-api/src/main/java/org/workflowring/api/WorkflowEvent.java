package org.workflowring.api;

import java.util.Objects;

/**
 * One event of a workflow instance, as the engine stored it.
 *
 * <p><b>IMPORTANT</b>: the payload array is not copied; a workflow must not change it.
 *
 * @param instanceId the workflow instance the event belongs to
 * @param eventKey   the event's key, unique within the instance (a duplicate notification is never delivered twice)
 * @param seq        the event's position in its instance, from 1, in arrival order
 * @param payload    the event body, never {@code null}
 */
public record WorkflowEvent(String instanceId, String eventKey, long seq, byte[] payload) {

    /** Rejects a missing instance id or key and a sequence number below 1. */
    public WorkflowEvent {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        Objects.requireNonNull(eventKey, "eventKey must not be null");
        if (seq < 1) {
            throw new IllegalArgumentException("event '" + eventKey + "' of instance '" + instanceId
                    + "' has seq " + seq + "; sequence numbers start at 1");
        }
        payload = payload == null ? new byte[0] : payload;
    }

    /** The payload decoded as UTF-8 text. */
    public String payloadAsText() {
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
}
