package org.workflowring.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;

import org.workflowring.ring.Ring;
import org.workflowring.store.InvalidInputException;
import org.workflowring.store.NewEvent;
import org.workflowring.store.StoreException;

/**
 * Appends events idempotently, creating the instance row with the first event of an instance.
 *
 * <p>The seq comes from the instance row's {@code event_seq}, bumped first, which also locks the row: appends to one
 * instance queue there, and the common case is two statements. A repeated key fails on the unique event key and rolls
 * back (the bump with it); two first events of a new instance collide on its primary key, and the loser retries. Any
 * thread may call it.
 */
public final class EventAppender {

    /** How often an append that lost a race is retried before giving up. */
    static final int MAX_ATTEMPTS = 20;

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;
    private final int maxPayloadBytes;

    /** An appender writing through {@code transactions}. */
    public EventAppender(Transactions transactions, SqlDialect dialect, Clock clock, int maxPayloadBytes) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Appends {@code event}; {@code true} if it is new, {@code false} if its key was already stored. */
    public boolean append(NewEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        if (event.payload().length > maxPayloadBytes) {
            throw new InvalidInputException("payload of event '" + event.eventKey() + "' of instance '"
                    + event.instanceId() + "' has " + event.payload().length
                    + " bytes, more than the configured maximum of " + maxPayloadBytes);
        }
        long ringHash = Ring.hashOf(event.instanceId());
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                transactions.runOrThrow(connection -> insert(connection, event, ringHash));
                return true;
            } catch (SQLException e) {
                if (!dialect.isDuplicateKey(e)) {
                    throw failure(event, e);
                }
                last = e;
            }
            // Rolled back on a duplicate: either the key is stored (a repeated event) or another append created the
            // instance at the same moment, and the next attempt finds its row.
            if (keyStored(event)) {
                return false;
            }
        }
        throw failure(event, last);
    }

    private Void insert(Connection connection, NewEvent event, long ringHash) throws SQLException {
        LocalDateTime now = Rows.now(clock);
        int bumped;
        try (PreparedStatement update = connection.prepareStatement(dialect.takeEventSeq())) {
            update.setString(1, event.instanceId());
            bumped = update.executeUpdate();
        }
        if (bumped == 0) {
            try (PreparedStatement insert = connection.prepareStatement(dialect.insertInstance())) {
                insert.setString(1, event.instanceId());
                insert.setString(2, event.workflowType());
                insert.setLong(3, ringHash);
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertEvent())) {
            insert.setString(1, event.instanceId());
            insert.setString(2, event.instanceId());
            insert.setString(3, event.eventKey());
            insert.setLong(4, ringHash);
            Rows.setBytes(insert, 5, event.payload());
            insert.setObject(6, now);
            insert.setObject(7, now);
            insert.executeUpdate();
        }
        return null;
    }

    private boolean keyStored(NewEvent event) {
        return transactions.run("lookup of event '" + event.eventKey() + "' of instance '" + event.instanceId() + "'",
                connection -> {
                    try (PreparedStatement select = connection.prepareStatement(dialect.selectEventByKey())) {
                        select.setString(1, event.instanceId());
                        select.setString(2, event.eventKey());
                        try (ResultSet rs = select.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
    }

    private static StoreException failure(NewEvent event, SQLException e) {
        return new StoreException("append of event '" + event.eventKey() + "' to instance '" + event.instanceId()
                + "' failed: " + e.getMessage(), e);
    }
}
