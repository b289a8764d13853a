package org.workflowring.zookeeper;

/**
 * Told when a held instance lock ends without the owner asking for it: idle timeout, session loss, or a lock
 * znode found gone after a reconnect.
 *
 * <p><b>IMPORTANT</b>: called on the thread that ended it (the idle sweeper, Curator's connection-state thread, the
 * readiness thread, the ring-view thread, or the worker whose unpin ended a lock being handed off); keep it short,
 * for example hand the instance to its mailbox to stop it.
 */
@FunctionalInterface
public interface LockListener {

    /** Why a lock ended. */
    enum Reason { IDLE, SESSION_LOST, ZNODE_GONE, OWNERSHIP_LOST, CLOSED }

    /** {@code grant} is no longer held; work under its token must stop. */
    void lockEnded(LockGrant grant, Reason reason);
}
