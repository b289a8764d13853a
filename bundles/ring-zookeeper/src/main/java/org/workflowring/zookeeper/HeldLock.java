package org.workflowring.zookeeper;

/**
 * A lock this node holds: its grant, when it was last used, and how many workers are inside an event under it
 * (pins). Immutable, so that the lock manager can replace it atomically and the idle release can remove exactly the
 * value it judged idle ({@code Map.remove(key, value)}): a pin or a use in between changes the value and keeps
 * the lock.
 *
 * @param grant         the grant
 * @param lastUsedNanos {@link System#nanoTime()} of the last acquire, touch or unpin
 * @param pins          workers inside an event now; the lock is never idle while this is above zero
 */
record HeldLock(LockGrant grant, long lastUsedNanos, int pins) {

    /** A newly granted lock, used now, not pinned. */
    static HeldLock granted(LockGrant grant, long nowNanos) {
        return new HeldLock(grant, nowNanos, 0);
    }

    /** This lock used at {@code nowNanos}. */
    HeldLock touched(long nowNanos) {
        return new HeldLock(grant, nowNanos, pins);
    }

    /** This lock with one more worker inside an event. */
    HeldLock pinned() {
        return new HeldLock(grant, lastUsedNanos, pins + 1);
    }

    /** This lock with one worker fewer inside an event, used at {@code nowNanos}: idle time counts from the end. */
    HeldLock unpinned(long nowNanos) {
        return new HeldLock(grant, nowNanos, Math.max(0, pins - 1));
    }

    /** Whether {@code grant} is this lock's grant (the same znode and token, not just the same instance). */
    boolean isOf(LockGrant other) {
        return grant.equals(other);
    }

    /** Whether no worker is inside an event and the lock has not been used for more than {@code idleNanos}. */
    boolean idleLongerThan(long idleNanos, long nowNanos) {
        return pins == 0 && nowNanos - lastUsedNanos > idleNanos;
    }
}
