package org.workflowring.store;

import java.time.Instant;

/**
 * A stored event.
 *
 * @param instanceId the workflow instance the event belongs to
 * @param seq        the event's position in its instance, from 1, in append order
 * @param eventKey   the key that makes appending idempotent
 * @param ringHash   the ring hash of the instance id
 * @param payload    the event body (never {@code null})
 * @param status     pending, processed or dead
 * @param attempts   how often processing the event failed
 * @param createdAt  when it was appended
 * @param updatedAt  when its status last changed
 */
public record EventRecord(String instanceId, long seq, String eventKey, long ringHash, byte[] payload,
                          EventStatus status, int attempts, Instant createdAt, Instant updatedAt) {
}
