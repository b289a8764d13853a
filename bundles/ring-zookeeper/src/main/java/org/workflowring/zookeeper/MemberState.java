package org.workflowring.zookeeper;

/**
 * The lifecycle state a node publishes in its member znode.
 *
 * <p>Only {@link #ACTIVE} members are in the ring. A {@link #JOINING} node is registered but not yet ready to take
 * work; a {@link #DRAINING} node leaves the ring so that its ranges move to the others while it finishes the work
 * in hand and releases its locks.
 */
public enum MemberState {
    /** Registered, not yet in the ring. */
    JOINING,
    /** In the ring: owns a share of the instances. */
    ACTIVE,
    /** Out of the ring: hands its instances off, still visible so others know it is leaving on purpose. */
    DRAINING;

    /** Whether a member in this state gets a share of the ring. */
    public boolean inRing() {
        return this == ACTIVE;
    }
}
