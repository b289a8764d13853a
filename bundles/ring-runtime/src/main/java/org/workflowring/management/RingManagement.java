package org.workflowring.management;

import java.util.List;

/**
 * What an operator may see and do on one workflow-ring node: an OSGi service of the node runtime, used by the
 * {@code ring:*} shell commands.
 *
 * <p>A ring is known on a node while a route of the node uses it (its engine runs). Methods taking a ring name throw
 * {@link IllegalArgumentException} naming the known rings when that ring is not running here.
 */
public interface RingManagement {

    /** This node's id in every ring (configuration {@code nodeId}). */
    String nodeId();

    /** The rings with a running engine on this node, sorted. */
    List<String> rings();

    /** Every registered member of the ring as this node sees it, sorted by id. */
    List<MemberView> members(String ring);

    /** The node that owns {@code instanceId} in this node's view of the ring; empty when no member is active. */
    String owner(String ring, String instanceId);

    /** The ring and this node's engine for it right now. */
    RingStatus status(String ring);

    /** The instances this node holds a lock for (its active, owned instances), sorted by id. */
    List<InstanceView> instances(String ring);

    /** Publishes DRAINING: the node leaves the ring, hands its instances over and keeps its member znode. */
    void drain(String ring);

    /** Publishes ACTIVE again after {@link #drain}: the node takes its share back. */
    void undrain(String ring);
}
