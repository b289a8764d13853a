package org.workflowring.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.workflowring.ring.Ring;
import org.workflowring.store.InvalidInputException;
import org.workflowring.store.OutboxMessage;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.StoreException;
import org.workflowring.store.Transition;

/**
 * Commits a transition in one transaction, fenced: the instance row is updated first with
 * {@code WHERE id = ? AND fence = ?}, which both checks the caller's token and locks the row, so that a concurrent
 * claim waits for this commit (or this commit sees the claim and writes nothing).
 *
 * <p>The same update takes the outbox seqs ({@code outbox_seq + n}); the row lock keeps them from racing with another
 * commit of the instance until this one ends. Any failure rolls everything back.
 */
public final class TransitionCommitter {

    /** The longest encoded header text the schema stores, in UTF-8 bytes. */
    static final int MAX_HEADER_BYTES = 4000;

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;
    private final int maxPayloadBytes;

    /** A committer writing through {@code transactions}. */
    public TransitionCommitter(Transactions transactions, SqlDialect dialect, Clock clock, int maxPayloadBytes) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Commits {@code transition}; the idempotency keys of its outbox messages, in order. */
    public List<String> commit(Transition transition) {
        Objects.requireNonNull(transition, "transition must not be null");
        List<String> headers = checkedHeaders(transition);
        return transactions.run("transition of instance '" + transition.instanceId() + "' with token "
                + transition.fence(), connection -> write(connection, transition, headers));
    }

    private List<String> checkedHeaders(Transition transition) {
        String id = transition.instanceId();
        checkSize(transition.state().length, "state of instance '" + id + "'");
        List<String> encoded = new ArrayList<>(transition.outbox().size());
        for (OutboxMessage message : transition.outbox()) {
            checkSize(message.payload().length, "payload of an outbox message of instance '" + id + "'");
            String headers = HeaderCodec.encode(message.headers());
            if (headers != null && headers.length() * 3 > MAX_HEADER_BYTES
                    && headers.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_HEADER_BYTES) {
                throw new InvalidInputException("headers of an outbox message of instance '" + id + "' take more than "
                        + MAX_HEADER_BYTES + " bytes encoded");
            }
            encoded.add(headers);
        }
        return encoded;
    }

    private void checkSize(int bytes, String what) {
        if (bytes > maxPayloadBytes) {
            throw new InvalidInputException(what + " has " + bytes + " bytes, more than the configured maximum of "
                    + maxPayloadBytes);
        }
    }

    private List<String> write(Connection connection, Transition t, List<String> headers) throws SQLException {
        LocalDateTime now = Rows.now(clock);
        try (PreparedStatement update = connection.prepareStatement(dialect.updateInstanceFenced())) {
            update.setString(1, t.status().name());
            Rows.setBytes(update, 2, t.state());
            update.setInt(3, t.outbox().size());
            update.setObject(4, now);
            update.setString(5, t.instanceId());
            update.setLong(6, t.fence());
            if (update.executeUpdate() != 1) {
                throw InstanceAccess.fencedOut(connection, dialect, t.instanceId(), t.fence(), "transition");
            }
        }
        markProcessed(connection, t, now);
        return insertOutbox(connection, t, headers, now);
    }

    private void markProcessed(Connection connection, Transition t, LocalDateTime now) throws SQLException {
        if (t.processedEvents().isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(dialect.markEventProcessed())) {
            for (long seq : t.processedEvents()) {
                update.setObject(1, now);
                update.setString(2, t.instanceId());
                update.setLong(3, seq);
                if (update.executeUpdate() != 1) {
                    throw new StoreException("transition of instance '" + t.instanceId() + "' names event " + seq
                            + ", which is not pending (processed, dead or never appended); nothing was written");
                }
            }
        }
    }

    private List<String> insertOutbox(Connection connection, Transition t, List<String> headers, LocalDateTime now)
            throws SQLException {
        if (t.outbox().isEmpty()) {
            return List.of();
        }
        long seq = lastOutboxSeq(connection, t.instanceId()) - t.outbox().size();
        long ringHash = Ring.hashOf(t.instanceId());
        List<String> keys = new ArrayList<>(t.outbox().size());
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertOutbox())) {
            for (int i = 0; i < t.outbox().size(); i++) {
                OutboxMessage message = t.outbox().get(i);
                String key = OutboxRecord.keyOf(t.instanceId(), ++seq);
                insert.setString(1, t.instanceId());
                insert.setLong(2, seq);
                insert.setLong(3, ringHash);
                insert.setString(4, message.target());
                insert.setString(5, headers.get(i));
                Rows.setBytes(insert, 6, message.payload());
                insert.setString(7, key);
                insert.setObject(8, now);
                insert.addBatch();
                keys.add(key);
            }
            insert.executeBatch();
        }
        return keys;
    }

    private long lastOutboxSeq(Connection connection, String instanceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(dialect.selectOutboxSeq())) {
            select.setString(1, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
