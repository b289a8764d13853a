package org.workflowring.store;

/** The delivery status of an outbox message. */
public enum OutboxStatus {
    /** Written by a transition, not yet confirmed by the relay. */
    UNSENT,
    /** Delivered by the relay. */
    SENT;

    /**
     * The status named {@code text} (as stored in the database).
     *
     * @throws InvalidInputException if {@code text} is missing or names no status, listing the known ones
     */
    public static OutboxStatus parse(String text) {
        return Checks.status(OutboxStatus.class, text, "outbox status");
    }
}
