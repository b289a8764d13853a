package org.workflowring.store.internal;

import java.sql.SQLException;

import org.workflowring.store.Database;

/**
 * The SQL text the store executes, one method per statement; subclasses change only what their database needs.
 *
 * <p>Pure text: nothing here touches JDBC, so each statement can be read and checked on its own. Parameters are
 * listed in each method's comment in binding order. Range statements come in two forms, {@code ...Between}
 * ({@code ring_hash >= ? AND ring_hash < ?}) and {@code ...From} ({@code ring_hash >= ?}, up to
 * {@link Long#MAX_VALUE}), so that every segment of a range is one index range scan.
 */
public abstract class SqlDialect {

    static final String INSTANCE_COLUMNS =
            "id, wf_type, ring_hash, status, state, fence, owner_node, created_at, updated_at";
    static final String EVENT_COLUMNS =
            "instance_id, seq, event_key, ring_hash, payload, status, attempts, created_at, updated_at";
    static final String OUTBOX_COLUMNS =
            "instance_id, seq, ring_hash, target, headers, payload, idempotency_key, status, created_at, sent_at";

    /** The dialect for {@code database}. */
    public static SqlDialect of(Database database) {
        return switch (database) {
            case H2 -> new H2Dialect();
            case ORACLE -> new OracleDialect();
        };
    }

    /** The folder, relative to this package, that holds the dialect's migration scripts. */
    public abstract String scriptFolder();

    /** Creates the schema version table (no parameters). */
    public abstract String createVersionTable();

    /** Whether {@code e} reports a unique-key violation, so that the statement may be retried or read as a no-op. */
    public boolean isDuplicateKey(SQLException e) {
        // SQLState class 23 is "integrity constraint violation" in both H2 and Oracle JDBC drivers.
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** The applied schema versions: version, success. */
    public String selectSchemaVersions() {
        return "SELECT version, success FROM wf_schema_version ORDER BY version";
    }

    /** Claims a schema version before running its script: version, description, applied_at. */
    public String insertSchemaVersion() {
        return "INSERT INTO wf_schema_version (version, description, applied_at, success) VALUES (?, ?, ?, 0)";
    }

    /** Marks a schema version complete: version. */
    public String completeSchemaVersion() {
        return "UPDATE wf_schema_version SET success = 1 WHERE version = ?";
    }

    /** Creates an instance with its first event's seq taken: id, wf_type, ring_hash, created_at, updated_at. */
    public String insertInstance() {
        return "INSERT INTO wf_instance (" + INSTANCE_COLUMNS + ", event_seq, outbox_seq)"
                + " VALUES (?, ?, ?, 'ACTIVE', NULL, 0, NULL, ?, ?, 1, 0)";
    }

    /** Takes the next event seq of an instance, locking its row until commit: id. */
    public String takeEventSeq() {
        return "UPDATE wf_instance SET event_seq = event_seq + 1 WHERE id = ?";
    }

    /** One instance: id. */
    public String selectInstance() {
        return "SELECT " + INSTANCE_COLUMNS + " FROM wf_instance WHERE id = ?";
    }

    /** The stored fencing token: id. */
    public String selectFence() {
        return "SELECT fence FROM wf_instance WHERE id = ?";
    }

    /** Stores a higher fencing token and its owner: fence, owner_node, updated_at, id, fence. */
    public String claim() {
        return "UPDATE wf_instance SET fence = ?, owner_node = ?, updated_at = ? WHERE id = ? AND fence < ?";
    }

    /**
     * The fenced write of a transition, taking its outbox seqs: status, state, outbox message count, updated_at, id,
     * fence.
     */
    public String updateInstanceFenced() {
        return "UPDATE wf_instance SET status = ?, state = ?, outbox_seq = outbox_seq + ?, updated_at = ?"
                + " WHERE id = ? AND fence = ?";
    }

    /** Checks the token and locks the instance row without changing its state: updated_at, id, fence. */
    public String touchInstanceFenced() {
        return "UPDATE wf_instance SET updated_at = ? WHERE id = ? AND fence = ?";
    }

    /** Counts a failed attempt of a pending event, making it DEAD if told to: dead (1/0), updated_at, instance_id, seq. */
    public String recordEventFailure() {
        return "UPDATE wf_event SET attempts = attempts + 1,"
                + " status = CASE WHEN ? = 1 THEN 'DEAD' ELSE status END, updated_at = ?"
                + " WHERE instance_id = ? AND seq = ? AND status = 'PENDING'";
    }

    /** The attempts of an event: instance_id, seq. */
    public String selectEventAttempts() {
        return "SELECT attempts FROM wf_event WHERE instance_id = ? AND seq = ?";
    }

    /** The last outbox seq taken by an instance: id. */
    public String selectOutboxSeq() {
        return "SELECT outbox_seq FROM wf_instance WHERE id = ?";
    }

    /** Whether an event key is stored: instance_id, event_key. */
    public String selectEventByKey() {
        return "SELECT seq FROM wf_event WHERE instance_id = ? AND event_key = ?";
    }

    /**
     * Appends an event with the seq just taken ({@link #takeEventSeq()} or {@link #insertInstance()}): instance_id,
     * id, event_key, ring_hash, payload, created_at, updated_at.
     */
    public String insertEvent() {
        return "INSERT INTO wf_event (" + EVENT_COLUMNS + ") VALUES (?,"
                + " (SELECT event_seq FROM wf_instance WHERE id = ?), ?, ?, ?, 'PENDING', 0, ?, ?)";
    }

    /**
     * Pending events of an instance in order: ring_hash, instance_id. The ring hash (a function of the id) makes this
     * a lookup in the pending-event index, which holds only pending events; by instance id alone the database walked
     * the primary key over every event the instance ever had, so the read grew with the instance's history.
     */
    public String selectPendingEvents() {
        return "SELECT " + EVENT_COLUMNS + " FROM wf_event WHERE status = 'PENDING' AND ring_hash = ? AND instance_id = ?"
                + " ORDER BY seq";
    }

    /** Marks a pending event processed: updated_at, instance_id, seq. */
    public String markEventProcessed() {
        return "UPDATE wf_event SET status = 'PROCESSED', updated_at = ?"
                + " WHERE instance_id = ? AND seq = ? AND status = 'PENDING'";
    }

    /** Instances with pending events in a segment: from, to (exclusive). */
    public String selectPendingInstancesBetween() {
        return pendingInstances("ring_hash >= ? AND ring_hash < ?");
    }

    /** Instances with pending events from a hash to the top of the ring: from. */
    public String selectPendingInstancesFrom() {
        return pendingInstances("ring_hash >= ?");
    }

    /** Instances with pending events in a segment appended at or before a time: from, to (exclusive), created_at. */
    public String selectPendingInstancesBetweenCreatedBy() {
        return pendingInstances("ring_hash >= ? AND ring_hash < ? AND created_at <= ?");
    }

    /** Instances with pending events from a hash to the top appended at or before a time: from, created_at. */
    public String selectPendingInstancesFromCreatedBy() {
        return pendingInstances("ring_hash >= ? AND created_at <= ?");
    }

    private static String pendingInstances(String condition) {
        // created_at is the last column of ix_wf_event_pending (V2), so the age filter also never reads the table.
        return "SELECT DISTINCT ring_hash, instance_id FROM wf_event WHERE status = 'PENDING' AND " + condition
                + " ORDER BY ring_hash, instance_id";
    }

    /**
     * Inserts an unsent outbox message: instance_id, seq, ring_hash, target, headers, payload, idempotency_key,
     * created_at.
     */
    public String insertOutbox() {
        return "INSERT INTO wf_outbox (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 'UNSENT', ?, NULL)";
    }

    /** Unsent outbox messages of an instance: instance_id. */
    public String selectUnsentOutboxOfInstance() {
        return "SELECT " + OUTBOX_COLUMNS + " FROM wf_outbox WHERE status = 'UNSENT' AND instance_id = ? ORDER BY seq";
    }

    /** Unsent outbox messages in a segment: from, to (exclusive), limit. */
    public String selectUnsentOutboxBetween() {
        return unsentOutbox("ring_hash >= ? AND ring_hash < ?");
    }

    /** Unsent outbox messages from a hash to the top of the ring: from, limit. */
    public String selectUnsentOutboxFrom() {
        return unsentOutbox("ring_hash >= ?");
    }

    private static String unsentOutbox(String hashCondition) {
        return "SELECT " + OUTBOX_COLUMNS + " FROM wf_outbox WHERE status = 'UNSENT' AND " + hashCondition
                + " ORDER BY ring_hash, instance_id, seq FETCH FIRST ? ROWS ONLY";
    }

    /** Marks an unsent outbox message sent: sent_at, idempotency_key. */
    public String markOutboxSent() {
        return "UPDATE wf_outbox SET status = 'SENT', sent_at = ? WHERE idempotency_key = ? AND status = 'UNSENT'";
    }
}
