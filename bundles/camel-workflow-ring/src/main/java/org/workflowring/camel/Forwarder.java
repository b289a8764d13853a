package org.workflowring.camel;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

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
 * <p>Only notifications travel: the event is stored before it is forwarded, so a forward that fails, is skipped or
 * reaches a node that does not own the instance either delays the event until the owner's recovery sweep or is
 * passed on.
 *
 * <p>The owner is looked up when the request is sent, not when it is queued: a notification queued before a ring
 * change goes to the new owner, or is queued locally when the instance became this node's.
 *
 * <p>An address whose request failed is skipped for {@value #COOL_DOWN_MILLIS} ms: a paused or partitioned owner
 * answers nothing until the request times out, and without the pause every queued notification for it would hold
 * a forwarding thread that long, delaying the forwards to healthy owners behind it (seen in the SIGSTOP scenario).
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
    /** How long an address whose request failed is skipped. */
    static final long COOL_DOWN_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    /** Addresses whose last request failed, with the {@code System.nanoTime()} until which they are skipped. */
    private final Map<String, Long> coolingDown = new ConcurrentHashMap<>();
    private final ZkRingNode node;
    private final ProducerTemplate producer;
    private final ExecutorService sender;
    private final RecoverySweep.Notifier local;

    /**
     * {@code sender} runs the requests to owners (it should be bounded and reject when full); {@code local} queues
     * an instance that became this node's while its notification waited.
     */
    Forwarder(ZkRingNode node, ProducerTemplate producer, ExecutorService sender, RecoverySweep.Notifier local) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.producer = Objects.requireNonNull(producer, "producer must not be null");
        this.sender = Objects.requireNonNull(sender, "sender must not be null");
        this.local = Objects.requireNonNull(local, "local must not be null");
    }

    /**
     * Queues the notification for {@code instanceId}, which has been forwarded {@code hops} times, for its owner;
     * false if it will not be sent (parked after too many hops, no ring, the owner has no address, queue full).
     * Does no I/O.
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
        MemberRecord owner = node.view().members().get(ring.get().ownerOf(instanceId).id());
        if (owner == null || owner.address().isBlank()) {
            LOG.warn("No address to forward '{}' to its owner: left to the owner's recovery sweep", instanceId);
            return false;
        }
        try {
            sender.execute(() -> sendToOwner(instanceId, hops));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("Forwarding queue full: '{}' left to its owner's recovery sweep", instanceId);
            return false;
        }
    }

    /** On a forwarding thread: the owner under the ring of now gets the notification. */
    private void sendToOwner(String instanceId, int hops) {
        Optional<Ring> ring = node.ring();
        if (ring.isEmpty()) {
            return; // not ready: the owner's sweep (or ours, once ready) finds the stored event
        }
        String owner = ring.get().ownerOf(instanceId).id();
        if (owner.equals(node.nodeId())) {
            queueHere(instanceId);
            return;
        }
        MemberRecord record = node.view().members().get(owner);
        if (record == null || record.address().isBlank()) {
            LOG.warn("No address to forward '{}' to its owner {}: left to the owner's recovery sweep", instanceId, owner);
            return;
        }
        String address = record.address();
        Long until = coolingDown.get(address);
        if (until != null && System.nanoTime() - until < 0) {
            LOG.debug("Not forwarding '{}' to {}: its last request failed; left to the owner's recovery sweep",
                    instanceId, address);
            return;
        }
        Exception failure = send(instanceId, hops, ring.get(), address);
        if (failure == null) {
            coolingDown.remove(address);
        } else {
            coolingDown.put(address, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COOL_DOWN_MILLIS));
            LOG.warn("Forwarding '{}' to {} failed, left to the owner's recovery sweep; skipping that address for {} ms: {}",
                    instanceId, address, COOL_DOWN_MILLIS, failure.toString());
        }
    }

    private void queueHere(String instanceId) {
        try {
            if (node.owns(instanceId)) {
                local.notify(instanceId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            LOG.debug("Not queueing '{}': engine stopping", instanceId);
        }
    }

    /** The request to {@code address}; the failure, or null. */
    private Exception send(String instanceId, int hops, Ring ring, String address) {
        try {
            Exchange result = producer.send(address, exchange -> {
                exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, instanceId);
                exchange.getMessage().setHeader(RING_VERSION, ring.versionHex());
                exchange.getMessage().setHeader(HOPS, hops + 1);
                exchange.getMessage().setBody("");
            });
            return result.getException();
        } catch (RuntimeException e) {
            return e;
        }
    }
}
