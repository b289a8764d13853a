package org.workflowring.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;

import org.workflowring.store.InvalidInputException;
import org.workflowring.store.StoreException;

/**
 * Counts failed processing attempts of a pending event and, when the caller gives up, marks it DEAD (the row is
 * kept for the dead-letter reason and for an operator).
 *
 * <p>Fenced like a transition: the instance row is locked with {@code WHERE id = ? AND fence = ?} first, so a former
 * owner cannot bury an event that the new owner is processing.
 */
public final class FailureRecorder {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    /** A recorder writing through {@code transactions}. */
    public FailureRecorder(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** Records one failed attempt of event {@code seq}; DEAD if {@code giveUp}; returns the attempts so far. */
    public int record(String instanceId, long fence, long seq, boolean giveUp) {
        if (fence < 1) {
            throw new InvalidInputException("failure of instance '" + instanceId + "' has fencing token " + fence
                    + "; tokens start at 1");
        }
        return transactions.run("recording a failure of event " + seq + " of instance '" + instanceId + "'",
                connection -> {
                    LocalDateTime now = Rows.now(clock);
                    try (PreparedStatement touch = connection.prepareStatement(dialect.touchInstanceFenced())) {
                        touch.setObject(1, now);
                        touch.setString(2, instanceId);
                        touch.setLong(3, fence);
                        if (touch.executeUpdate() != 1) {
                            throw InstanceAccess.fencedOut(connection, dialect, instanceId, fence, "failure record");
                        }
                    }
                    try (PreparedStatement update = connection.prepareStatement(dialect.recordEventFailure())) {
                        update.setInt(1, giveUp ? 1 : 0);
                        update.setObject(2, now);
                        update.setString(3, instanceId);
                        update.setLong(4, seq);
                        if (update.executeUpdate() != 1) {
                            throw new StoreException("event " + seq + " of instance '" + instanceId
                                    + "' is not pending (processed, dead or never appended); nothing was written");
                        }
                    }
                    try (PreparedStatement select = connection.prepareStatement(dialect.selectEventAttempts())) {
                        select.setString(1, instanceId);
                        select.setLong(2, seq);
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    }
                });
    }
}
