package org.workflowring.store;

/** The life-cycle status of a workflow instance. */
public enum InstanceStatus {
    /** Running: events are accepted and processed. */
    ACTIVE,
    /** Finished normally. */
    COMPLETED,
    /** Stopped by an error the workflow could not handle. */
    FAILED,
    /** Stopped on request. */
    CANCELLED;

    /**
     * The status named {@code text} (as stored in the database).
     *
     * @throws InvalidInputException if {@code text} is missing or names no status, listing the known ones
     */
    public static InstanceStatus parse(String text) {
        return Checks.status(InstanceStatus.class, text, "instance status");
    }
}
