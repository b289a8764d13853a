package org.workflowring.store;

/** The processing status of a stored event. */
public enum EventStatus {
    /** Stored and not yet processed: recovery picks it up. */
    PENDING,
    /** Consumed by a committed transition. */
    PROCESSED,
    /** Given up on (sent to the dead-letter endpoint); the row is kept. */
    DEAD;

    /**
     * The status named {@code text} (as stored in the database).
     *
     * @throws InvalidInputException if {@code text} is missing or names no status, listing the known ones
     */
    public static EventStatus parse(String text) {
        return Checks.status(EventStatus.class, text, "event status");
    }
}
