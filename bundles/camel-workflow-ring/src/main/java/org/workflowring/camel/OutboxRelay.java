package org.workflowring.camel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.StoreException;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.LockGrant;

/**
 * Delivers committed outbox rows of an instance this node holds to their target endpoints, in order, with the
 * idempotency key as the header {@link WorkflowRingHeaders#IDEMPOTENCY_KEY}, and marks them sent.
 *
 * <p>A failed delivery stops the instance's relay (later rows wait, so the backend sees them in order) and asks
 * for another turn after a back-off that doubles per failure, up to 32 times the first.
 *
 * <p>A row delivered whose {@code markSent} failed (database away) is remembered, and on the instance's next turn
 * it is marked without being sent again: a database restart made the same node deliver the same key twice before.
 *
 * <p><b>IMPORTANT</b>: delivery is at least once: a node that is paused between its last check (lock held, stored
 * fencing token still its own) and the send, or that loses the instance between the send and marking the row sent,
 * may see the next owner send the row again with the same key; backends must drop duplicates by that key.
 */
final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Keys delivered whose mark failed, by instance; kept while this node holds the instance. */
    private final Map<String, Set<String>> deliveredUnmarked = new ConcurrentHashMap<>();
    private final WorkflowStore store;
    private final ProducerTemplate producer;
    private final ScheduledExecutorService scheduler;
    private final Duration retryDelay;
    private final Consumer<String> retry;

    /**
     * A relay sending through {@code producer}; after a failure {@code retry} is called with the instance id on the
     * {@code scheduler} thread (the engine queues the instance again).
     */
    OutboxRelay(WorkflowStore store, ProducerTemplate producer, ScheduledExecutorService scheduler,
                Duration retryDelay, Consumer<String> retry) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.producer = Objects.requireNonNull(producer, "producer must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay must not be null");
        this.retry = Objects.requireNonNull(retry, "retry must not be null");
    }

    /**
     * Sends the unsent rows of the instance of {@code grant} while {@code stillHeld} says the node holds it and the
     * stored fencing token is the grant's (read before each row except the first when {@code fenceJustVerified}:
     * a fenced commit on this thread has just proved it); runs on the instance's worker.
     */
    void relay(LockGrant grant, BooleanSupplier stillHeld, boolean fenceJustVerified) {
        String id = grant.instanceId();
        boolean verified = fenceJustVerified;
        for (OutboxRecord row : store.unsentOutbox(id)) {
            if (delivered(id, row.idempotencyKey())) {
                markSent(id, row.idempotencyKey()); // the backend has it already
                continue;
            }
            // Checked before every send: a node that lost the instance must not talk to backends for it. The
            // database check catches a takeover this node has not heard of yet (its session expired unnoticed).
            if (!stillHeld.getAsBoolean() || !(verified || fenceHolds(grant))) {
                return;
            }
            verified = false;
            Exception failure = send(row);
            if (failure != null) {
                scheduleRetry(id, row, failure);
                return;
            }
            markSent(id, row.idempotencyKey());
        }
        failures.remove(id);
    }

    /** Forgets what this node remembers of an instance whose lock ended (any thread). */
    void forget(String instanceId) {
        deliveredUnmarked.remove(instanceId);
        failures.remove(instanceId);
    }

    /** Forgets every instance (session lost). */
    void forgetAll() {
        deliveredUnmarked.clear();
        failures.clear();
    }

    private boolean delivered(String instanceId, String key) {
        Set<String> keys = deliveredUnmarked.get(instanceId);
        return keys != null && keys.contains(key);
    }

    private void markSent(String instanceId, String key) {
        try {
            store.markSent(key);
        } catch (StoreException e) {
            deliveredUnmarked.computeIfAbsent(instanceId, k -> ConcurrentHashMap.newKeySet()).add(key);
            throw e;
        }
        Set<String> keys = deliveredUnmarked.get(instanceId);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            deliveredUnmarked.remove(instanceId, keys);
        }
    }

    private boolean fenceHolds(LockGrant grant) {
        return store.findInstance(grant.instanceId()).map(i -> i.fence() == grant.token()).orElse(false);
    }

    private Exception send(OutboxRecord row) {
        try {
            Exchange result = producer.send(row.target(), exchange -> {
                row.headers().forEach(exchange.getMessage()::setHeader);
                exchange.getMessage().setHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY, row.idempotencyKey());
                exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, row.instanceId());
                exchange.getMessage().setBody(row.payload());
            });
            return result.getException();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void scheduleRetry(String instanceId, OutboxRecord row, Exception failure) {
        int n = failures.merge(instanceId, 1, Integer::sum);
        long delay = retryDelay.toMillis() << Math.min(n - 1, 5);
        LOG.warn("Outbox message {} to {} failed (attempt {}), retrying in {} ms: {}", row.idempotencyKey(),
                row.target(), n, delay, failure.toString());
        scheduler.schedule(() -> retry.accept(instanceId), delay, TimeUnit.MILLISECONDS);
    }
}
