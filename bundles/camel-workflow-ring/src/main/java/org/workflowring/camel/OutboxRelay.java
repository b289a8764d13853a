package org.workflowring.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The rows delivered in a turn are marked sent together at its end, in one store call. If that fails (database
 * away) they are remembered, and on the instance's next turn they are marked without being sent again: a database
 * restart made the same node deliver the same key twice before.
 *
 * <p>Every message carries the grant's fencing token as {@link WorkflowRingHeaders#FENCE}. Before each send the
 * relay checks that the node holds the grant and that the stored token is still the grant's; a check older than
 * {@link #MAX_CHECK_AGE} (the node was paused between the check and the send, e.g. by a GC or SIGSTOP) is made again,
 * so a node resuming after a takeover does not send for the instance it lost.
 *
 * <p><b>IMPORTANT</b>: delivery is at least once. A node that is stopped after a send and before the turn's mark
 * (killed, paused past its session timeout) cannot tell anyone that the backend has those messages, so the next owner
 * sends those rows again, with the same keys and its own, higher token. Backends drop duplicates by the key; a backend
 * that must never act on a message of a former holder also refuses a token lower than the highest it has seen for
 * the instance (the only complete defence against a pause after the last check, between it and the socket write).
 */
final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /**
     * How old a proof that the stored token is the grant's may be when the relay sends. Far below any session
     * timeout, so that a node paused long enough to lose its session always reads the token again before it sends;
     * an ordinary send is much faster, so this costs a read only after a pause or a slow batch.
     */
    static final Duration MAX_CHECK_AGE = Duration.ofMillis(200);
    private static final long MAX_CHECK_AGE_NANOS = MAX_CHECK_AGE.toNanos();
    /** Rows marked sent per store call at most, so that a long backlog is not resent whole after a crash. */
    static final int MARK_EVERY = 256;
    /** For {@link #relay}: no fenced commit proved the token on this turn. */
    static final long NOT_VERIFIED = Long.MIN_VALUE;

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
     * stored fencing token is the grant's, then marks the delivered rows sent in one store call; runs on the
     * instance's worker. The token is read again before a send whenever its last proof (a fenced commit of this
     * turn, or a read) is older than {@link #MAX_CHECK_AGE}.
     *
     * @param verifiedAtNanos {@link System#nanoTime()} taken before a fenced commit of this turn succeeded (it proved the
     *                        token then), or {@link #NOT_VERIFIED}
     */
    void relay(LockGrant grant, BooleanSupplier stillHeld, long verifiedAtNanos) {
        String id = grant.instanceId();
        List<String> delivered = new ArrayList<>();
        boolean allSent;
        try {
            allSent = sendUnsent(grant, stillHeld, verifiedAtNanos, delivered);
        } finally {
            // Also when a token read failed half way: what went out must not go out again from this node.
            markSent(id, delivered);
        }
        if (allSent) {
            failures.remove(id);
        }
    }

    /** Sends rows in order until one fails or the grant is no longer proven ours; whether every row went. */
    private boolean sendUnsent(LockGrant grant, BooleanSupplier stillHeld, long verifiedAtNanos, List<String> delivered) {
        String id = grant.instanceId();
        long verifiedAt = verifiedAtNanos;
        for (OutboxRecord row : store.unsentOutbox(id)) {
            if (delivered(id, row.idempotencyKey())) {
                delivered.add(row.idempotencyKey()); // the backend has it already: only its mark is missing
                continue;
            }
            // Checked before every send: a node that lost the instance must not talk to backends for it. The
            // database check catches a takeover this node has not heard of yet (its session expired unnoticed).
            if (!stillHeld.getAsBoolean()) {
                return false;
            }
            verifiedAt = freshProof(grant, verifiedAt);
            if (verifiedAt == NOT_VERIFIED) {
                return false;
            }
            Exception failure = send(row, grant.token());
            if (failure != null) {
                scheduleRetry(id, row, failure);
                return false;
            }
            delivered.add(row.idempotencyKey());
            if (delivered.size() >= MARK_EVERY) {
                markSent(id, delivered); // a long backlog: a crash now resends at most this many
                delivered.clear();
            }
        }
        return true;
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

    /**
     * Marks {@code keys} sent in one store call. If that fails (database away) they are remembered, so that the
     * instance's next turn marks them without sending them again, and the failure is passed on.
     */
    private void markSent(String instanceId, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            store.markSent(keys);
        } catch (StoreException e) {
            deliveredUnmarked.computeIfAbsent(instanceId, k -> ConcurrentHashMap.newKeySet()).addAll(keys);
            throw e;
        }
        Set<String> remembered = deliveredUnmarked.get(instanceId);
        if (remembered != null && remembered.removeAll(keys) && remembered.isEmpty()) {
            deliveredUnmarked.remove(instanceId, remembered);
        }
    }

    /**
     * {@code verifiedAt} if younger than {@link #MAX_CHECK_AGE}, else the time of a new read of the stored token;
     * {@link #NOT_VERIFIED} if the token is no longer the grant's. A read's proof dates from before the read, so a
     * pause during it (a GC, SIGSTOP) makes it stale at once: then it is read once more.
     */
    private long freshProof(LockGrant grant, long verifiedAt) {
        for (int reads = 0; reads < 2 && !recent(verifiedAt); reads++) {
            verifiedAt = readFence(grant);
            if (verifiedAt == NOT_VERIFIED) {
                return NOT_VERIFIED;
            }
        }
        return verifiedAt;
    }

    private static boolean recent(long verifiedAtNanos) {
        return verifiedAtNanos != NOT_VERIFIED && System.nanoTime() - verifiedAtNanos <= MAX_CHECK_AGE_NANOS;
    }

    /** {@link System#nanoTime()} before reading the stored token if it is the grant's, else {@link #NOT_VERIFIED}. */
    private long readFence(LockGrant grant) {
        long readAt = System.nanoTime();
        boolean holds = store.findInstance(grant.instanceId()).map(i -> i.fence() == grant.token()).orElse(false);
        return holds ? readAt : NOT_VERIFIED;
    }

    private Exception send(OutboxRecord row, long token) {
        try {
            Exchange result = producer.send(row.target(), exchange -> {
                row.headers().forEach(exchange.getMessage()::setHeader);
                exchange.getMessage().setHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY, row.idempotencyKey());
                exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, row.instanceId());
                exchange.getMessage().setHeader(WorkflowRingHeaders.FENCE, token);
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
