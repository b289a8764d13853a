package org.workflowring.management;

/**
 * One registered member of a ring, as the local node sees it.
 *
 * @param nodeId  the member's id
 * @param state   JOINING, ACTIVE or DRAINING
 * @param weight  its weight (virtual nodes per weight unit)
 * @param address the Camel endpoint URI it receives forwarded notifications on, empty if none
 * @param share   its share of the hash space, 0 when not in the ring
 * @param self    whether this is the local node
 */
public record MemberView(String nodeId, String state, int weight, String address, double share, boolean self) {
}
