package org.workflowring.management;

/**
 * One ring on this node right now.
 *
 * @param ring            the ring's name
 * @param nodeId          this node's id
 * @param memberState     this node's published state (JOINING, ACTIVE, DRAINING), or UNREGISTERED
 * @param connection      READY, SUSPENDED (ZooKeeper connection in doubt: no work starts) or NOT_READY
 * @param ringVersion     version of the ring view (hex), empty when no member is active
 * @param members         members in the ring (ACTIVE)
 * @param ownedShare      this node's share of the hash space (0 to 1)
 * @param activeInstances instances with queued or running work in the dispatcher
 * @param locksHeld       instance locks this node holds
 * @param mailboxDepth    notifications queued and not yet started
 * @param fencedOut       instances given up since the engine started because a newer fencing token was stored
 * @param parked          instances waiting for their workflow type to be deployed
 * @param camelContext    the CamelContext the ring's engine runs in
 */
public record RingStatus(String ring, String nodeId, String memberState, String connection, String ringVersion,
                         int members, double ownedShare, int activeInstances, int locksHeld, int mailboxDepth,
                         long fencedOut, int parked, String camelContext) {
}
