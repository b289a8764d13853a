package org.workflowring.camel;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.HashRange;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * Finds the owned instances that have pending events or unsent outbox rows in the database and queues them: every
 * sweep period for events older than the recovery age (their notification was lost), and at once for every pending
 * event when asked (ranges gained, connection back), since nobody notifies about those.
 *
 * <p>Threads: runs on the engine's scheduler thread only, so two sweeps never overlap.
 */
final class RecoverySweep {

    /** Queues work for an instance without I/O (the engine's notify); may block while its mailbox is full. */
    @FunctionalInterface
    interface Notifier {
        void notify(String instanceId) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);
    private static final int OUTBOX_SWEEP_LIMIT = 1000;
    private static final List<HashRange> WHOLE_RING = List.of(HashRange.FULL);

    private final String ringName;
    private final ZkRingNode node;
    private final WorkflowStore store;
    private final ScheduledExecutorService scheduler;
    private final Notifier notifier;
    private final BooleanSupplier active;
    /** Held while a sweep runs, so that stopping can wait for its database calls instead of interrupting them. */
    private final ReentrantLock running = new ReentrantLock();

    /** A sweep that queues through {@code notifier} while {@code active} says the engine is running. */
    RecoverySweep(String ringName, ZkRingNode node, WorkflowStore store, ScheduledExecutorService scheduler,
                  Notifier notifier, BooleanSupplier active) {
        this.ringName = Objects.requireNonNull(ringName, "ringName must not be null");
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.notifier = Objects.requireNonNull(notifier, "notifier must not be null");
        this.active = Objects.requireNonNull(active, "active must not be null");
    }

    /** Sweeps every {@code period} for pending events older than {@code minAge}. */
    void schedule(Duration period, Duration minAge) {
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(() -> sweep(minAge), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Sweeps the database now for every pending event whatever its age, on the scheduler thread. */
    void sweepSoon() {
        try {
            scheduler.execute(() -> sweep(null));
        } catch (RejectedExecutionException e) {
            LOG.debug("Not sweeping: engine stopping");
        }
    }

    /**
     * Queues every owned instance with unsent outbox rows or pending events, only those with an event older than
     * {@code minAge} unless it is null.
     */
    private void sweep(Duration minAge) {
        running.lock();
        try {
            if (active.getAsBoolean() && node.readiness().isReady()) {
                sweepNow(minAge);
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for a sweep in progress to end (any thread); once {@code active} says false, no later
     * sweep touches the database. <b>IMPORTANT</b>: call it before interrupting the scheduler thread: an interrupt
     * inside H2's file I/O closes the database file under every other user of it (seen whenever a node was
     * reconfigured while its first sweep opened the database: "IO Exception ... workflowring.mv.db").
     */
    void awaitIdle(Duration timeout) throws InterruptedException {
        if (running.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            running.unlock();
        }
    }

    private void sweepNow(Duration minAge) {
        try {
            // One full-range query and a local ownership filter: the ring has thousands of small ranges. Without an
            // age the unfiltered query, so that a clock ahead of ours on the appending node hides nothing.
            Set<String> ids = new LinkedHashSet<>(minAge == null ? store.pendingInstances(WHOLE_RING)
                    : store.pendingInstances(WHOLE_RING, minAge));
            for (OutboxRecord row : store.unsentOutbox(WHOLE_RING, OUTBOX_SWEEP_LIMIT)) {
                ids.add(row.instanceId());
            }
            for (String id : ids) {
                if (node.owns(id)) {
                    notifier.notify(id);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Recovery sweep of ring '{}' failed: {}", ringName, e.toString());
        }
    }
}
