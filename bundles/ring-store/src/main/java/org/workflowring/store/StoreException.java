package org.workflowring.store;

/**
 * A store operation failed: the database was unreachable, a statement failed, or the stored data contradicts the
 * request.
 *
 * <p><b>IMPORTANT</b>: the transaction of the failed operation was rolled back, so nothing it meant to write is stored.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message that names the operation and the instance, where there is one. */
    public StoreException(String message) {
        super(message);
    }

    /** An error caused by a JDBC or I/O failure. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
