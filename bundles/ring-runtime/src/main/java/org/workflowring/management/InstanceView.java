package org.workflowring.management;

/**
 * An instance whose lock this node holds.
 *
 * @param instanceId   the workflow instance
 * @param fencingToken the token of the lock grant, which every database write of this node carries
 * @param ownedHere    whether this node still owns it in its view (false briefly while it hands it over)
 */
public record InstanceView(String instanceId, long fencingToken, boolean ownedHere) {
}
