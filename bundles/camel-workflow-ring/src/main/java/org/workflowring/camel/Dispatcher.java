package org.workflowring.camel;

import java.io.Closeable;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in per-instance mailboxes on a bounded worker pool: the tasks of one workflow instance run one at a
 * time in submission order, tasks of different instances run in parallel.
 *
 * <p>{@link #submit} only queues (no I/O on the caller's thread, typically the consumer's) and blocks while the
 * instance's mailbox is full, so a flood for one instance slows its consumer instead of being dropped. A worker
 * runs up to {@value #TURN} tasks of a mailbox, then puts it at the back of the pool's queue so that a busy
 * instance does not starve the others.
 *
 * <p><b>IMPORTANT</b>: the pool is the caller's (Camel's {@code ExecutorServiceManager} inside Camel): the
 * dispatcher never shuts it down. Its queue must be unbounded or at least as large as the number of instances with
 * queued work; a pool that rejects a turn leaves that mailbox waiting for the next submit or {@link #resume()}.
 */
public final class Dispatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int TURN = 32;

    private final Map<String, InstanceMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Queue<InstanceMailbox> parked = new ConcurrentLinkedQueue<>();
    private final Executor workers;
    private final int mailboxBound;
    private volatile boolean paused;
    private volatile boolean closed;

    /** A dispatcher running on {@code workers} with at most {@code mailboxBound} queued tasks per instance. */
    public Dispatcher(Executor workers, int mailboxBound) {
        this.workers = Objects.requireNonNull(workers, "workers must not be null");
        if (mailboxBound < 1) {
            throw new IllegalArgumentException("mailboxBound must be at least 1, was " + mailboxBound);
        }
        this.mailboxBound = mailboxBound;
    }

    /**
     * Queues {@code task} for {@code instanceId}, blocking while that instance's mailbox is full.
     *
     * @throws RejectedExecutionException when the dispatcher is closed
     */
    public void submit(String instanceId, Runnable task) throws InterruptedException {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        Objects.requireNonNull(task, "task must not be null");
        while (true) {
            requireOpen();
            InstanceMailbox mailbox = mailboxes.computeIfAbsent(instanceId, InstanceMailbox::new);
            switch (mailbox.put(task, mailboxBound, this)) {
                case QUEUED -> {
                    return;
                }
                case QUEUED_SCHEDULE -> {
                    schedule(mailbox);
                    return;
                }
                case RETIRED -> {
                    // It ran empty and left the map after we looked it up: take a fresh one.
                }
                default -> throw new IllegalStateException("unexpected put result");
            }
        }
    }

    /** Stops starting tasks (workers finish the one in hand); queued tasks wait for {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Starts tasks again after {@link #pause()}. */
    public void resume() {
        paused = false;
        scheduleParked();
    }

    /** Whether tasks are paused. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Drops the queued tasks of every instance matching {@code instances} and waits up to {@code timeoutMillis}
     * for their tasks in hand to finish; the number of tasks dropped.
     */
    public int discard(Predicate<String> instances, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int dropped = 0;
        for (InstanceMailbox mailbox : mailboxes.values()) {
            if (instances.test(mailbox.instanceId)) {
                dropped += mailbox.discard();
                if (!mailbox.awaitIdle(deadline)) {
                    LOG.warn("Task of workflow instance '{}' still running after {} ms", mailbox.instanceId, timeoutMillis);
                }
            }
        }
        return dropped;
    }

    /** Tasks queued and not yet started, over all instances. */
    public int queued() {
        return mailboxes.values().stream().mapToInt(InstanceMailbox::size).sum();
    }

    /** Instances with a mailbox now (queued or running work). */
    public int activeInstances() {
        return mailboxes.size();
    }

    /** Drops every queued task and refuses new ones; blocked submitters get a {@link RejectedExecutionException}. */
    @Override
    public void close() {
        closed = true;
        mailboxes.values().forEach(InstanceMailbox::discard);
    }

    void requireOpen() {
        if (closed) {
            throw new RejectedExecutionException("the workflow dispatcher is closed");
        }
    }

    void forget(InstanceMailbox mailbox) {
        mailboxes.remove(mailbox.instanceId, mailbox);
    }

    private void schedule(InstanceMailbox mailbox) {
        try {
            workers.execute(() -> turn(mailbox));
        } catch (RejectedExecutionException e) {
            mailbox.unschedule();
            if (!closed) {
                LOG.warn("Worker pool refused workflow instance '{}': {}", mailbox.instanceId, e.toString());
                parked.add(mailbox);
            }
        }
    }

    /** One worker turn; runs on a pool thread. */
    private void turn(InstanceMailbox mailbox) {
        for (int i = 0; i < TURN; i++) {
            boolean pausedNow = paused;
            Runnable task = mailbox.take(pausedNow, this);
            if (task == null) {
                if (pausedNow) {
                    park(mailbox);
                }
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                // Tasks handle their own failures; this only keeps the worker and the mailbox alive.
                LOG.error("Task of workflow instance '{}' failed", mailbox.instanceId, t);
            } finally {
                mailbox.done();
            }
        }
        schedule(mailbox);
    }

    private void park(InstanceMailbox mailbox) {
        parked.add(mailbox);
        // resume() may have drained 'parked' between our check and the add.
        if (!paused) {
            scheduleParked();
        }
    }

    private void scheduleParked() {
        InstanceMailbox mailbox;
        while (!paused && (mailbox = parked.poll()) != null) {
            if (mailbox.reschedule()) {
                schedule(mailbox);
            }
        }
    }
}
