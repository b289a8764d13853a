package org.workflowring.zookeeper;

/**
 * Told about every change of the ring view.
 *
 * <p><b>IMPORTANT</b>: called on the view's single notification thread, one change at a time, in order; a slow
 * listener delays the others but never ZooKeeper's event thread.
 */
@FunctionalInterface
public interface RingListener {

    /** The view changed from {@code change.before()} to {@code change.after()}. */
    void ringChanged(RingChange change);
}
