package org.workflowring.itests.cluster;

/**
 * One call of the test workflow on one node, from the node's call file (written by the cluster test workflow's
 * {@code CallRecorder}).
 *
 * @param node        node id
 * @param instance    workflow instance
 * @param eventSeq    the event's sequence number in its instance
 * @param enterFence  the instance's fencing token in the database at entry (-1: unknown)
 * @param enterOwner  the instance's owner in the database at entry
 * @param exitFence   the token at exit; -1 when the call has no exit (the node was killed inside it)
 * @param exitOwner   the owner at exit
 * @param startMicros wall clock at entry, epoch microseconds
 * @param endMicros   wall clock at exit; {@link Long#MAX_VALUE} when the call has no exit
 * @param thread      the worker thread
 */
public record WorkflowCall(String node, String instance, long eventSeq, long enterFence, String enterOwner,
        long exitFence, String exitOwner, long startMicros, long endMicros, String thread) {

    /**
     * Whether the node held the instance's current grant for the whole call: it was the owner with the same token at
     * entry and at exit. A call that is not held ran on a node that had lost (or never had) the grant, e.g. one that
     * was paused: its transition must be refused by the fenced commit.
     */
    public boolean heldGrant() {
        return enterFence >= 0 && enterFence == exitFence && node.equals(enterOwner) && node.equals(exitOwner);
    }

    public boolean overlaps(WorkflowCall other) {
        return startMicros < other.endMicros && other.startMicros < endMicros;
    }

    @Override
    public String toString() {
        return node + "/" + thread + " " + instance + "#" + eventSeq + " fence " + enterFence + "->" + exitFence
                + " owner " + enterOwner + "->" + exitOwner + " [" + startMicros + ", "
                + (endMicros == Long.MAX_VALUE ? "no exit" : Long.toString(endMicros)) + "]";
    }
}
