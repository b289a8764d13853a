package org.workflowring.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.workflowring.store.EventRecord;
import org.workflowring.store.EventStatus;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.OutboxStatus;

/**
 * Maps between Java values and columns: result rows to records, timestamps to UTC {@code TIMESTAMP} columns, empty
 * byte arrays to {@code NULL}.
 */
public final class Rows {

    private static final byte[] EMPTY = new byte[0];

    private Rows() {
    }

    /** The current time of {@code clock} as a UTC timestamp, cut to microseconds (the column precision). */
    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Binds {@code bytes}, storing an empty array as {@code NULL} (Oracle cannot tell them apart). */
    public static void setBytes(PreparedStatement statement, int index, byte[] bytes) throws SQLException {
        if (bytes == null || bytes.length == 0) {
            statement.setNull(index, java.sql.Types.BLOB);
        } else {
            statement.setBytes(index, bytes);
        }
    }

    /** The instance in the current row of {@code rs}, selected with {@link SqlDialect#INSTANCE_COLUMNS}. */
    public static InstanceRecord instance(ResultSet rs) throws SQLException {
        return new InstanceRecord(rs.getString("id"), rs.getString("wf_type"), rs.getLong("ring_hash"),
                InstanceStatus.parse(rs.getString("status")), bytes(rs, "state"), rs.getLong("fence"),
                rs.getString("owner_node"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** The event in the current row of {@code rs}, selected with {@link SqlDialect#EVENT_COLUMNS}. */
    public static EventRecord event(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getString("instance_id"), rs.getLong("seq"), rs.getString("event_key"),
                rs.getLong("ring_hash"), bytes(rs, "payload"), EventStatus.parse(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** The outbox message in the current row of {@code rs}, selected with {@link SqlDialect#OUTBOX_COLUMNS}. */
    public static OutboxRecord outbox(ResultSet rs) throws SQLException {
        return new OutboxRecord(rs.getString("instance_id"), rs.getLong("seq"), rs.getLong("ring_hash"),
                rs.getString("target"), HeaderCodec.decode(rs.getString("headers")), bytes(rs, "payload"),
                rs.getString("idempotency_key"), OutboxStatus.parse(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "sent_at"));
    }

    private static byte[] bytes(ResultSet rs, String column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        return bytes == null ? EMPTY : bytes;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
