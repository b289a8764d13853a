package org.workflowring.store;

/**
 * The database schema cannot be used by this version of the store: it is newer than the code knows, or an earlier
 * migration did not complete.
 *
 * <p><b>IMPORTANT</b>: the store refuses to start rather than guess; a newer schema needs a newer ring-store bundle,
 * an incomplete migration needs an operator (the message names the version and the table to look at).
 */
public final class SchemaVersionException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** The schema problem, described for an operator. */
    public SchemaVersionException(String message) {
        super(message);
    }
}
