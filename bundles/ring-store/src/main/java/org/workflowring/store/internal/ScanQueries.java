package org.workflowring.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.workflowring.ring.HashRange;
import org.workflowring.ring.Ring;
import org.workflowring.store.EventRecord;
import org.workflowring.store.OutboxRecord;

/**
 * The read side of recovery and relay: pending events of an instance, and instances (optionally only those with an
 * event older than a threshold) or outbox messages by hash range, one index range scan per non-wrapping segment.
 */
public final class ScanQueries {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    /** Queries through {@code transactions}; ages are measured by {@code clock}, the one that stamps appends. */
    public ScanQueries(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** The pending events of {@code instanceId} by ascending seq. */
    public List<EventRecord> pendingEvents(String instanceId) {
        return transactions.run("read of pending events of instance '" + instanceId + "'", connection -> {
            List<EventRecord> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(dialect.selectPendingEvents())) {
                select.setLong(1, Ring.hashOf(instanceId));
                select.setString(2, instanceId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events.add(Rows.event(rs));
                    }
                }
            }
            return events;
        });
    }

    /** Distinct ids of instances with pending events in {@code ranges}. */
    public List<String> pendingInstances(Collection<HashRange> ranges) {
        return scan(ranges, null);
    }

    /**
     * Distinct ids of instances with pending events in {@code ranges} of which at least one was appended
     * {@code minAge} or longer ago by this store's clock.
     */
    public List<String> pendingInstances(Collection<HashRange> ranges, Duration minAge) {
        Objects.requireNonNull(minAge, "minAge must not be null");
        return scan(ranges, LocalDateTime.ofInstant(clock.instant().minus(minAge), ZoneOffset.UTC));
    }

    /** {@code createdBy} null: no age filter. */
    private List<String> scan(Collection<HashRange> ranges, LocalDateTime createdBy) {
        List<HashSegments.Segment> segments = HashSegments.of(ranges);
        return transactions.run("recovery scan of " + ranges, connection -> {
            Set<String> ids = new LinkedHashSet<>();
            for (HashSegments.Segment segment : segments) {
                try (PreparedStatement select = connection.prepareStatement(pendingInstancesSql(segment, createdBy))) {
                    int next = bind(select, segment);
                    if (createdBy != null) {
                        select.setObject(next, createdBy);
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(2));
                        }
                    }
                }
            }
            return List.copyOf(ids);
        });
    }

    private String pendingInstancesSql(HashSegments.Segment segment, LocalDateTime createdBy) {
        if (createdBy == null) {
            return segment.toTop() ? dialect.selectPendingInstancesFrom() : dialect.selectPendingInstancesBetween();
        }
        return segment.toTop() ? dialect.selectPendingInstancesFromCreatedBy()
                : dialect.selectPendingInstancesBetweenCreatedBy();
    }

    /** The unsent outbox messages of {@code instanceId} by ascending seq. */
    public List<OutboxRecord> unsentOutbox(String instanceId) {
        return transactions.run("read of the unsent outbox of instance '" + instanceId + "'", connection -> {
            List<OutboxRecord> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(dialect.selectUnsentOutboxOfInstance())) {
                select.setString(1, instanceId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Rows.outbox(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** Up to {@code limit} unsent outbox messages in {@code ranges}, each once. */
    public List<OutboxRecord> unsentOutbox(Collection<HashRange> ranges, int limit) {
        List<HashSegments.Segment> segments = HashSegments.of(ranges);
        return transactions.run("outbox scan of " + ranges, connection -> {
            Set<String> seen = new LinkedHashSet<>();
            List<OutboxRecord> rows = new ArrayList<>();
            for (HashSegments.Segment segment : segments) {
                if (rows.size() >= limit) {
                    break;
                }
                String sql = segment.toTop() ? dialect.selectUnsentOutboxFrom() : dialect.selectUnsentOutboxBetween();
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    int next = bind(select, segment);
                    select.setInt(next, limit);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next() && rows.size() < limit) {
                            OutboxRecord row = Rows.outbox(rs);
                            if (seen.add(row.idempotencyKey())) {
                                rows.add(row);
                            }
                        }
                    }
                }
            }
            return rows;
        });
    }

    /** Binds the segment's bounds; returns the next parameter index. */
    private static int bind(PreparedStatement select, HashSegments.Segment segment) throws java.sql.SQLException {
        select.setLong(1, segment.from());
        if (segment.toTop()) {
            return 2;
        }
        select.setLong(2, segment.to());
        return 3;
    }
}
