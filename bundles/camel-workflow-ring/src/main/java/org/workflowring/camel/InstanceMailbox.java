package org.workflowring.camel;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of one workflow instance's pending tasks inside a {@link Dispatcher}: bounded, run by at most one worker
 * at a time.
 *
 * <p>States: {@code scheduled} while a worker turn is queued or running; {@code retired} once it ran empty and left
 * the dispatcher's map (a submitter that still holds it retries with a fresh mailbox, which starts only after this
 * one has finished its last task, so order per instance holds across mailboxes).
 */
final class InstanceMailbox {

    /** What {@link #put} did. */
    enum PutResult { QUEUED, QUEUED_SCHEDULE, RETIRED }

    final String instanceId;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private boolean scheduled;
    private boolean busy;
    private boolean retired;

    InstanceMailbox(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * Queues {@code task}, blocking the caller while the mailbox holds {@code bound} tasks (back-pressure).
     *
     * @throws RejectedExecutionException when the dispatcher closes while waiting
     */
    PutResult put(Runnable task, int bound, Dispatcher owner) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!retired && queue.size() >= bound) {
                owner.requireOpen();
                notFull.await(100, TimeUnit.MILLISECONDS);
            }
            if (retired) {
                return PutResult.RETIRED;
            }
            // close() empties the queue, which wakes us: that must not look like room.
            owner.requireOpen();
            queue.addLast(task);
            if (scheduled) {
                return PutResult.QUEUED;
            }
            scheduled = true;
            return PutResult.QUEUED_SCHEDULE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next task for a worker turn, marking the mailbox busy; {@code null} when the turn must end: empty
     * (the mailbox retires) or {@code paused} (it stays, unscheduled, for {@link #reschedule}).
     */
    Runnable take(boolean paused, Dispatcher owner) {
        lock.lock();
        try {
            if (paused && !queue.isEmpty()) {
                scheduled = false;
                return null;
            }
            Runnable task = queue.pollFirst();
            if (task == null) {
                scheduled = false;
                retired = true;
                // Removed while holding the lock: a submitter seeing 'retired' finds the map entry already gone.
                owner.forget(this);
                return null;
            }
            busy = true;
            notFull.signal();
            return task;
        } finally {
            lock.unlock();
        }
    }

    /** The task taken last has finished (normally or not). */
    void done() {
        lock.lock();
        try {
            busy = false;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the mailbox scheduled again if it has work and no turn queued; true when the caller must schedule it. */
    boolean reschedule() {
        lock.lock();
        try {
            if (scheduled || retired || queue.isEmpty()) {
                return false;
            }
            scheduled = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Marks a turn that the pool refused as not scheduled, so that a later resume may schedule it. */
    void unschedule() {
        lock.lock();
        try {
            scheduled = false;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every queued task (the task in hand runs on) and wakes blocked submitters; the number dropped. */
    int discard() {
        lock.lock();
        try {
            int n = queue.size();
            queue.clear();
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no task of this mailbox runs; false on timeout. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (busy) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
