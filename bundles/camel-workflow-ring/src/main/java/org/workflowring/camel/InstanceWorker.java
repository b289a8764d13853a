package org.workflowring.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.store.EventRecord;
import org.workflowring.store.FencedOutException;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.OutboxMessage;
import org.workflowring.store.StoreException;
import org.workflowring.store.Transition;
import org.workflowring.store.UnknownInstanceException;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.InstanceLockException;
import org.workflowring.zookeeper.LockGrant;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * Does the work of one instance on a worker thread: take (or keep) its lock, claim it with the fencing token, run
 * its pending events through the workflow, commit the transition fenced, relay its outbox.
 *
 * <p><b>IMPORTANT</b>: called by the {@link Dispatcher} only, so never twice at once for one instance. Safety does
 * not rest on that or on the ring: before each event and before the commit it checks that the node is READY and
 * still holds the same grant, and the database rejects a commit with a stale token ({@link FencedOutException}),
 * after which the instance is dropped at once.
 */
final class InstanceWorker {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceWorker.class);
    private static final int MAX_EVENTS_PER_COMMIT = 256;

    /** Tokens this node has stored with {@code claim}, by instance: a held claim costs no database round trip. */
    private final Map<String, Long> claimed = new ConcurrentHashMap<>();
    /** Instances given up because a newer token was stored (fenced out), for ring:status. */
    private final LongAdder fencedOut = new LongAdder();
    private final ZkRingNode node;
    private final WorkflowStore store;
    private final WorkflowRegistry registry;
    private final DeadLetters deadLetters;
    private final ParkedInstances parked;
    private final OutboxRelay relay;
    private final Duration lockTimeout;
    private final int maxAttempts;

    InstanceWorker(ZkRingNode node, WorkflowStore store, WorkflowRegistry registry, DeadLetters deadLetters,
                   ParkedInstances parked, OutboxRelay relay, Duration lockTimeout, int maxAttempts) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters must not be null");
        this.parked = Objects.requireNonNull(parked, "parked must not be null");
        this.relay = Objects.requireNonNull(relay, "relay must not be null");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
        this.maxAttempts = maxAttempts;
    }

    /** Processes what is pending for {@code instanceId} and relays its outbox; runs on a worker thread. */
    void work(String instanceId) {
        if (!node.owns(instanceId)) {
            return; // moved away or not ready: the owner (or this node once ready) picks it up from the database
        }
        Optional<LockGrant> grant = lock(instanceId);
        // Pinned while inside: an event longer than lockIdleTimeout must not lose its lock to the idle release.
        if (grant.isEmpty() || !node.locks().pin(grant.get())) {
            return;
        }
        try {
            if (!claim(grant.get())) {
                return;
            }
            long verifiedAt = OutboxRelay.NOT_VERIFIED;
            Boolean more = Boolean.TRUE;
            while (more && mayWork(grant.get())) {
                long batchStart = System.nanoTime();
                more = processBatch(grant.get());
                if (more != null) {
                    // The fenced commit proved the token ours at some moment after this: dating it earlier is safe.
                    verifiedAt = batchStart;
                }
                more = Boolean.TRUE.equals(more);
            }
            relay.relay(grant.get(), () -> mayWork(grant.get()), verifiedAt);
        } catch (FencedOutException e) {
            LOG.warn("Workflow instance '{}' fenced out (our token {}, stored {}): dropping it", instanceId,
                    e.callerToken(), e.storedToken());
            drop(instanceId);
        } catch (StoreException e) {
            // Database trouble: the events stay pending; the recovery sweep tries again.
            LOG.warn("Workflow instance '{}' not processed now: {}", instanceId, e.toString());
        } finally {
            node.locks().unpin(grant.get());
        }
    }

    /** Forgets the claim and relay state of an instance whose lock ended (any thread). */
    void forget(String instanceId) {
        claimed.remove(instanceId);
        relay.forget(instanceId);
    }

    /** Forgets every claim and all relay state (session lost). */
    void forgetAll() {
        claimed.clear();
        relay.forgetAll();
    }

    private Optional<LockGrant> lock(String instanceId) {
        try {
            return Optional.of(node.locks().acquire(instanceId, lockTimeout));
        } catch (InstanceLockException e) {
            LOG.info("Workflow instance '{}' not locked now ({}); the recovery sweep retries", instanceId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private boolean claim(LockGrant grant) {
        String id = grant.instanceId();
        Long token = claimed.get(id);
        if (token != null && token == grant.token()) {
            return true;
        }
        try {
            boolean stored = store.claim(id, grant.token(), node.nodeId());
            if (!stored && !store.findInstance(id).map(i -> i.fence() == grant.token()).orElse(false)) {
                LOG.warn("Workflow instance '{}': a newer token than our {} is stored; dropping it", id, grant.token());
                drop(id);
                return false;
            }
        } catch (UnknownInstanceException e) {
            return false; // a notification without a stored event: nothing to do
        }
        claimed.put(id, grant.token());
        return true;
    }

    /**
     * One fenced transition over up to {@value #MAX_EVENTS_PER_COMMIT} events: {@code null} when nothing was
     * committed, otherwise whether more may be pending.
     */
    private Boolean processBatch(LockGrant grant) {
        String id = grant.instanceId();
        InstanceRecord instance = store.findInstance(id).orElse(null);
        if (instance == null) {
            return null;
        }
        List<EventRecord> events = store.pendingEvents(id);
        if (events.isEmpty()) {
            return null;
        }
        if (instance.status() != InstanceStatus.ACTIVE) {
            events.forEach(e -> giveUp(grant, e, DeadLetterReason.INSTANCE_FINISHED, "instance is " + instance.status()));
            return null;
        }
        Optional<Workflow> workflow = registry.find(instance.workflowType());
        if (workflow.isEmpty()) {
            parked.park(instance.workflowType(), id);
            for (EventRecord e : events) {
                if (parked.firstReport(id, e.seq())) {
                    deadLetters.send(DeadLetterReason.UNKNOWN_WORKFLOW_TYPE, "no workflow of type '"
                            + instance.workflowType() + "' is registered; parked until one is", id, e.seq(), e.payload(), null);
                }
            }
            return null;
        }
        byte[] state = instance.state();
        List<Long> processed = new ArrayList<>();
        List<OutboxMessage> outbox = new ArrayList<>();
        boolean finished = false;
        for (EventRecord e : events.subList(0, Math.min(events.size(), MAX_EVENTS_PER_COMMIT))) {
            if (!mayWork(grant)) {
                return null;
            }
            org.workflowring.api.Transition t = apply(grant, workflow.get(), state, e);
            if (t == null) {
                continue;
            }
            state = t.state();
            processed.add(e.seq());
            for (OutgoingMessage m : t.messages()) {
                outbox.add(new OutboxMessage(m.target(), m.headers(), m.body()));
            }
            if (t.finished()) {
                finished = true;
                break;
            }
        }
        // SUSPENDED pauses commits too: the grant may already be someone else's.
        if (processed.isEmpty() || !mayWork(grant)) {
            return null;
        }
        store.commit(new Transition(id, grant.token(), finished ? InstanceStatus.COMPLETED : InstanceStatus.ACTIVE,
                state, processed, outbox));
        node.locks().touch(id);
        return !finished && events.size() > MAX_EVENTS_PER_COMMIT;
    }

    /** Runs the workflow up to {@code maxAttempts} times; {@code null} after dead-lettering the event. */
    private org.workflowring.api.Transition apply(LockGrant grant, Workflow workflow, byte[] state, EventRecord e) {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                org.workflowring.api.Transition t = workflow.apply(state,
                        new WorkflowEvent(e.instanceId(), e.eventKey(), e.seq(), e.payload()));
                if (t == null) {
                    throw new IllegalStateException("workflow " + workflow.type() + " returned no transition");
                }
                return t;
            } catch (Exception ex) {
                last = ex;
            }
        }
        giveUp(grant, e, DeadLetterReason.WORKFLOW_FAILED, "failed " + maxAttempts + " times, last: " + last);
        return null;
    }

    /** Marks the event DEAD (fenced: only while we hold the instance), then tells the dead-letter endpoint. */
    private void giveUp(LockGrant grant, EventRecord e, DeadLetterReason reason, String detail) {
        store.recordFailure(e.instanceId(), grant.token(), e.seq(), true);
        deadLetters.send(reason, detail, e.instanceId(), e.seq(), e.payload(), null);
    }

    private boolean mayWork(LockGrant grant) {
        return node.readiness().isReady()
                && node.locks().grant(grant.instanceId()).map(g -> g.token() == grant.token()).orElse(false);
    }

    /** How often an instance was given up because another grant's token was stored. */
    long fencedOutCount() {
        return fencedOut.sum();
    }

    private void drop(String instanceId) {
        fencedOut.increment();
        claimed.remove(instanceId);
        node.locks().release(instanceId);
    }
}
