package org.workflowring.camel;

import java.util.Objects;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.Ring;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * Forward mode: passes the notification for an instance this node does not own to the owner's advertised address
 * (a Camel endpoint URI published in its member znode), stamped with the sender's ring version and a hop count.
 *
 * <p>Only notifications travel: the event is stored before it is forwarded, so a forward that fails or reaches a
 * node that does not own the instance either delays the event until the owner's recovery sweep or is passed on.
 *
 * <p><b>IMPORTANT</b>: runs on the consumer's thread and does network I/O there (one request per forwarded
 * event); a slow owner slows the forwarding consumer.
 */
final class Forwarder {

    /** Header: the sender's ring version (hex). */
    static final String RING_VERSION = "WorkflowRingVersion";
    /** Header: how often the notification was forwarded already. */
    static final String HOPS = "WorkflowForwardHops";
    /** A notification is passed on at most this often; then it is left to the owner's recovery sweep (parked). */
    static final int MAX_HOPS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final ZkRingNode node;
    private final ProducerTemplate producer;

    Forwarder(ZkRingNode node, ProducerTemplate producer) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.producer = Objects.requireNonNull(producer, "producer must not be null");
    }

    /** Forwards the notification for {@code instanceId}, which has been forwarded {@code hops} times; false if not sent. */
    boolean forward(String instanceId, int hops) {
        if (hops >= MAX_HOPS) {
            LOG.info("Notification of '{}' parked after {} hops: the owner's recovery sweep will run it", instanceId, hops);
            return false;
        }
        Optional<Ring> ring = node.ring();
        if (ring.isEmpty()) {
            return false;
        }
        String owner = ring.get().ownerOf(instanceId).id();
        MemberRecord record = node.view().members().get(owner);
        if (record == null || record.address().isBlank() || owner.equals(node.nodeId())) {
            LOG.warn("No address to forward '{}' to its owner {}: left to the owner's recovery sweep", instanceId, owner);
            return false;
        }
        try {
            Exchange result = producer.send(record.address(), exchange -> {
                exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, instanceId);
                exchange.getMessage().setHeader(RING_VERSION, ring.get().versionHex());
                exchange.getMessage().setHeader(HOPS, hops + 1);
                exchange.getMessage().setBody("");
            });
            if (result.getException() != null) {
                LOG.warn("Forwarding '{}' to {} failed: {}", instanceId, record.address(), result.getException().toString());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Forwarding '{}' to {} failed: {}", instanceId, record.address(), e.toString());
            return false;
        }
    }
}
