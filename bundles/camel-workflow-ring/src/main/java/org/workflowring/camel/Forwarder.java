package org.workflowring.camel;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

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
 * <p><b>IMPORTANT</b>: the request to the owner runs on the engine's forwarding threads, never on the consumer's
 * thread. Sent synchronously from the consumer, two nodes forwarding to each other over {@code netty-http} filled both
 * nodes' consumer threads with requests waiting for the other's consumer (found by the multi-process cluster test,
 * docs/cluster.md): a deadlock until request timeouts. A full forwarding queue refuses the notification; the event is
 * stored already, so the owner's recovery sweep runs it.
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
    private final ExecutorService sender;

    /** {@code sender} runs the requests to owners; it should be bounded and reject when full. */
    Forwarder(ZkRingNode node, ProducerTemplate producer, ExecutorService sender) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.producer = Objects.requireNonNull(producer, "producer must not be null");
        this.sender = Objects.requireNonNull(sender, "sender must not be null");
    }

    /**
     * Queues the notification for {@code instanceId}, which has been forwarded {@code hops} times, for its owner;
     * false if it will not be sent (parked after too many hops, no ring or address, queue full). Does no I/O.
     */
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
            sender.execute(() -> send(instanceId, hops, ring.get(), record.address()));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("Forwarding queue full: '{}' left to its owner's recovery sweep", instanceId);
            return false;
        }
    }

    private void send(String instanceId, int hops, Ring ring, String address) {
        try {
            Exchange result = producer.send(address, exchange -> {
                exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, instanceId);
                exchange.getMessage().setHeader(RING_VERSION, ring.versionHex());
                exchange.getMessage().setHeader(HOPS, hops + 1);
                exchange.getMessage().setBody("");
            });
            if (result.getException() != null) {
                LOG.warn("Forwarding '{}' to {} failed, left to the owner's recovery sweep: {}", instanceId, address,
                        result.getException().toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("Forwarding '{}' to {} failed, left to the owner's recovery sweep: {}", instanceId, address,
                    e.toString());
        }
    }
}
