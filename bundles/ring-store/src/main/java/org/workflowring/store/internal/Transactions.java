package org.workflowring.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import org.workflowring.store.StoreException;

/**
 * Runs a unit of JDBC work in one transaction on a connection from the {@link DataSource}: commit on success,
 * rollback on any failure.
 *
 * <p>{@link StoreException}s and {@link IllegalArgumentException}s thrown by the work pass through unchanged (after
 * the rollback); {@link SQLException}s become {@link StoreException}s that name the operation.
 */
public final class Transactions {

    /** JDBC work on one connection; the caller's transaction is already open. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work; a thrown exception rolls the transaction back. */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    /** Transactions on connections from {@code dataSource}. */
    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    /**
     * Runs {@code work} in a transaction.
     *
     * @param operation what the work does, for the message of a failure
     */
    public <T> T run(String operation, Work<T> work) {
        try {
            return runOrThrow(work);
        } catch (SQLException e) {
            throw new StoreException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction, letting an {@link SQLException} through so that the caller may retry. */
    public <T> T runOrThrow(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                if (autoCommit) {
                    // A pooled connection goes back in the mode it came in.
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
