package org.workflowring.zookeeper;

/**
 * Told when the node's readiness changes.
 *
 * <p><b>IMPORTANT</b>: {@link Readiness.Level#SUSPENDED} and {@link Readiness.Level#NOT_READY} are delivered
 * synchronously on Curator's connection-state thread, before the state callback returns: when the call returns the
 * listener must have stopped starting and committing work. {@link Readiness.Level#READY} comes from the readiness
 * thread after the view and the locks were re-validated.
 */
@FunctionalInterface
public interface ReadinessListener {

    /** The node's readiness is now {@code level}. */
    void readinessChanged(Readiness.Level level);
}
