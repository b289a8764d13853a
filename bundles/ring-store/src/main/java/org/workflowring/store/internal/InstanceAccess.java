package org.workflowring.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.workflowring.store.FencedOutException;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.InvalidInputException;
import org.workflowring.store.StoreException;
import org.workflowring.store.UnknownInstanceException;

/** Reads instance rows and stores claims (a higher fencing token and its owner node). */
public final class InstanceAccess {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    /** Instance access through {@code transactions}. */
    public InstanceAccess(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** Stores {@code fence} and {@code ownerNode} if {@code fence} is higher than the stored token. */
    public boolean claim(String instanceId, long fence, String ownerNode) {
        if (fence < 1) {
            throw new InvalidInputException("claim of instance '" + instanceId + "' has fencing token " + fence
                    + "; tokens start at 1");
        }
        return transactions.run("claim of instance '" + instanceId + "' with token " + fence, connection -> {
            try (PreparedStatement update = connection.prepareStatement(dialect.claim())) {
                update.setLong(1, fence);
                update.setString(2, ownerNode);
                update.setObject(3, Rows.now(clock));
                update.setString(4, instanceId);
                update.setLong(5, fence);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            if (storedFence(connection, dialect, instanceId).isEmpty()) {
                throw new UnknownInstanceException("claim with token " + fence, instanceId);
            }
            return false;
        });
    }

    /** The stored instance, if any. */
    public Optional<InstanceRecord> find(String instanceId) {
        return transactions.run("read of instance '" + instanceId + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement(dialect.selectInstance())) {
                select.setString(1, instanceId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.instance(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Explains a fenced update that changed no row: the instance is unknown, or its stored token is not
     * {@code fence}.
     */
    static StoreException fencedOut(Connection connection, SqlDialect dialect, String instanceId, long fence,
                                    String operation) throws SQLException {
        OptionalLong stored = storedFence(connection, dialect, instanceId);
        if (stored.isEmpty()) {
            return new UnknownInstanceException(operation + " with token " + fence, instanceId);
        }
        return new FencedOutException(instanceId, fence, stored.getAsLong());
    }

    /** The fencing token stored for {@code instanceId}, empty if the instance is not stored. */
    static OptionalLong storedFence(Connection connection, SqlDialect dialect, String instanceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(dialect.selectFence())) {
            select.setString(1, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
