package org.workflowring.store;

/**
 * A request was rejected before anything was written: a missing instance id, a payload over the configured size,
 * an unknown status, a value that does not fit its column.
 *
 * <p>The Camel component routes such an event to its dead-letter endpoint with this message as the reason.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The reason, naming the offending field. */
    public InvalidInputException(String message) {
        super(message);
    }
}
