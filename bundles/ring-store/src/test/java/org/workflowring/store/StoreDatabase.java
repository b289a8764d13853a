package org.workflowring.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcConnectionPool;

/** A fresh H2 database for one test, behind a small connection pool, with helpers to look at its rows directly. */
final class StoreDatabase implements AutoCloseable {

    private final JdbcConnectionPool pool;

    StoreDatabase(String url) {
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(32);
    }

    JdbcConnectionPool dataSource() {
        return pool;
    }

    /** Every row of the store's tables as text, in key order: the "nothing changed" check compares two of these. */
    List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        rows.addAll(query("SELECT id, wf_type, ring_hash, status, state, fence, owner_node, updated_at"
                + " FROM wf_instance ORDER BY id"));
        rows.addAll(query("SELECT instance_id, seq, event_key, payload, status, attempts, updated_at"
                + " FROM wf_event ORDER BY instance_id, seq"));
        rows.addAll(query("SELECT instance_id, seq, target, headers, payload, idempotency_key, status, sent_at"
                + " FROM wf_outbox ORDER BY instance_id, seq"));
        return rows;
    }

    /** The rows of {@code sql}, each as its columns joined by {@code |}. */
    List<String> query(String sql) {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    // getString renders a BLOB as hex, so equal contents give equal text.
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs one statement, for tests that write what the store would refuse to. */
    void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            execute("SHUTDOWN");
        } finally {
            pool.dispose();
        }
    }
}
