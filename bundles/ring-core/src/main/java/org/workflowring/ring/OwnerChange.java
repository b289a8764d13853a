package org.workflowring.ring;

/**
 * A hash range whose owner differs between two rings.
 *
 * @param range    the keys that changed owner
 * @param fromId   the member that owned them in the old ring
 * @param toId     the member that owns them in the new ring
 */
public record OwnerChange(HashRange range, String fromId, String toId) {
}
