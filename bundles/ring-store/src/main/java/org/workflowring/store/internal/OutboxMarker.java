package org.workflowring.store.internal;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * Marks outbox messages sent once the relay has delivered them.
 *
 * <p>Not fenced: marking is idempotent and says only that the backend has the message, which stays true whoever owns
 * the instance now; a message marked twice or by a former owner changes nothing that matters.
 */
public final class OutboxMarker {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    /** A marker writing through {@code transactions}. */
    public OutboxMarker(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** Marks the message with {@code idempotencyKey} sent; {@code true} if it was unsent. */
    public boolean markSent(String idempotencyKey) {
        return transactions.run("marking outbox message '" + idempotencyKey + "' sent", connection -> {
            try (PreparedStatement update = connection.prepareStatement(dialect.markOutboxSent())) {
                update.setObject(1, Rows.now(clock));
                update.setString(2, idempotencyKey);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Marks the messages with {@code idempotencyKeys} sent, in one transaction and one batch. */
    public void markSent(Collection<String> idempotencyKeys) {
        if (idempotencyKeys.isEmpty()) {
            return;
        }
        transactions.run("marking " + idempotencyKeys.size() + " outbox messages sent", connection -> {
            try (PreparedStatement update = connection.prepareStatement(dialect.markOutboxSent())) {
                LocalDateTime now = Rows.now(clock);
                for (String key : idempotencyKeys) {
                    update.setObject(1, now);
                    update.setString(2, key);
                    update.addBatch();
                }
                update.executeBatch();
                return null;
            }
        });
    }
}
