package org.workflowring.zookeeper;

/**
 * A lock this node holds: its grant, when it was last used, how many workers are inside an event under it (pins),
 * and whether it ends as soon as the last of them leaves. Immutable, so that the lock manager can replace it
 * atomically and the idle release can remove exactly the value it judged idle ({@code Map.remove(key, value)}): a
 * pin or a use in between changes the value and keeps the lock.
 *
 * @param grant         the grant
 * @param lastUsedNanos {@link System#nanoTime()} of the last acquire, touch or unpin
 * @param pins          workers inside an event now; the lock is never idle while this is above zero
 * @param endReason     {@code null} while the lock is usable; once set, the lock is no longer handed out and ends for
 *                      this reason when {@code pins} reaches zero
 */
record HeldLock(LockGrant grant, long lastUsedNanos, int pins, LockListener.Reason endReason) {

    /** A newly granted lock, used now, not pinned. */
    static HeldLock granted(LockGrant grant, long nowNanos) {
        return new HeldLock(grant, nowNanos, 0, null);
    }

    /** This lock used at {@code nowNanos}. */
    HeldLock touched(long nowNanos) {
        return new HeldLock(grant, nowNanos, pins, endReason);
    }

    /** This lock with one more worker inside an event. */
    HeldLock pinned() {
        return new HeldLock(grant, lastUsedNanos, pins + 1, endReason);
    }

    /** This lock with one worker fewer inside an event, used at {@code nowNanos}: idle time counts from the end. */
    HeldLock unpinned(long nowNanos) {
        return new HeldLock(grant, nowNanos, Math.max(0, pins - 1), endReason);
    }

    /** This lock, no longer handed out, to end for {@code reason} when its last worker leaves. */
    HeldLock endingWhenUnpinned(LockListener.Reason reason) {
        return new HeldLock(grant, lastUsedNanos, pins, reason);
    }

    /** Whether the lock is to end when its last worker leaves; it must not be used for new work. */
    boolean ending() {
        return endReason != null;
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
