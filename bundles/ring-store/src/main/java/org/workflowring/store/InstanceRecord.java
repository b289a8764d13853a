package org.workflowring.store;

import java.time.Instant;

/**
 * A stored workflow instance.
 *
 * @param id           the instance id
 * @param workflowType the workflow type given by the first event
 * @param ringHash     {@code Ring.hashOf(id)}
 * @param status       the life-cycle status
 * @param state        the state written by the last transition (empty before the first)
 * @param fence        the fencing token of the last claim (0 before the first)
 * @param ownerNode    the node of the last claim, {@code null} before the first
 * @param createdAt    when the first event created it
 * @param updatedAt    when it was last claimed or transitioned
 */
public record InstanceRecord(String id, String workflowType, long ringHash, InstanceStatus status, byte[] state,
                             long fence, String ownerNode, Instant createdAt, Instant updatedAt) {
}
