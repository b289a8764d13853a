package org.workflowring.itests.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database after a scenario, against what was generated: every generated event stored once and PROCESSED (bad
 * events DEAD), every instance's state equal to its last counter, no outbox row left unsent.
 */
public final class StoreCheck {

    /**
     * @param wrongEvents     instances whose processed event count differs from what was generated
     * @param wrongStates     instances whose state is not their last counter
     * @param pendingEvents   events still PENDING
     * @param deadEvents      events DEAD (bad input)
     * @param unsentOutbox    outbox rows still UNSENT
     */
    public record Result(List<String> wrongEvents, List<String> wrongStates, long pendingEvents, long deadEvents,
            long unsentOutbox) {

        /** Holds when everything generated was processed once and sent, and exactly {@code badEvents} are dead. */
        public boolean holds(long badEvents) {
            return wrongEvents.isEmpty() && wrongStates.isEmpty() && pendingEvents == 0 && unsentOutbox == 0
                    && deadEvents == badEvents;
        }
    }

    private StoreCheck() {
    }

    /** Counts of pending events and unsent outbox rows: zero when the cluster has finished the load. */
    public static long backlog(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            return count(c, "SELECT COUNT(*) FROM wf_event WHERE status = 'PENDING'")
                    + count(c, "SELECT COUNT(*) FROM wf_outbox WHERE status = 'UNSENT'");
        }
    }

    /** @param expected events generated per instance */
    public static Result check(String jdbcUrl, Map<String, Integer> expected) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            Map<String, Integer> processed = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT instance_id, COUNT(*) FROM wf_event WHERE status = 'PROCESSED' GROUP BY instance_id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    processed.put(r.getString(1), r.getInt(2));
                }
            }
            Map<String, String> states = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, state FROM wf_instance");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] state = r.getBytes(2);
                    states.put(r.getString(1), state == null ? "" : new String(state, StandardCharsets.UTF_8));
                }
            }
            List<String> wrongEvents = new ArrayList<>();
            List<String> wrongStates = new ArrayList<>();
            expected.forEach((instance, count) -> {
                int got = processed.getOrDefault(instance, 0);
                if (got != count) {
                    wrongEvents.add(instance + ": " + got + " processed of " + count);
                }
                if (!Integer.toString(count).equals(states.get(instance))) {
                    wrongStates.add(instance + ": state '" + states.get(instance) + "', expected " + count);
                }
            });
            return new Result(wrongEvents, wrongStates,
                    count(c, "SELECT COUNT(*) FROM wf_event WHERE status = 'PENDING'"),
                    count(c, "SELECT COUNT(*) FROM wf_event WHERE status = 'DEAD'"),
                    count(c, "SELECT COUNT(*) FROM wf_outbox WHERE status = 'UNSENT'"));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
