package org.workflowring.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.workflowring.store.Database;

/**
 * H2's query plans show that the scans of recovery and relay, and the read of an instance's pending events, are index
 * range scans, for both dialects' SQL.
 */
class RangeScanPlanTest {

    @ParameterizedTest
    @CsvSource({"H2,jdbc:h2:mem:plan-h2", "ORACLE,jdbc:h2:mem:plan-oracle;MODE=Oracle"})
    void recoveryAndRelayScansUseTheirIndexes(Database database, String url) throws SQLException {
        SqlDialect dialect = SqlDialect.of(database);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        try (Connection keepAlive = DriverManager.getConnection(url)) {
            new SchemaMigrator(dataSource, dialect, Clock.systemUTC()).migrate();

            assertThat(plan(keepAlive, dialect.selectPendingInstancesBetween(), 1L, 2L))
                    .startsWith("PUBLIC.IX_WF_EVENT_PENDING:").contains("STATUS = 'PENDING'")
                    .contains("RING_HASH >= ?1").contains("RING_HASH < ?2");
            assertThat(plan(keepAlive, dialect.selectPendingInstancesFrom(), 1L))
                    .startsWith("PUBLIC.IX_WF_EVENT_PENDING:").contains("STATUS = 'PENDING'").contains("RING_HASH >= ?1");
            Object aTime = java.time.LocalDateTime.of(2026, 1, 1, 0, 0);
            assertThat(plan(keepAlive, dialect.selectPendingInstancesBetweenCreatedBy(), 1L, 2L, aTime))
                    .startsWith("PUBLIC.IX_WF_EVENT_PENDING:").contains("STATUS = 'PENDING'")
                    .contains("RING_HASH >= ?1").contains("RING_HASH < ?2");
            assertThat(plan(keepAlive, dialect.selectPendingInstancesFromCreatedBy(), 1L, aTime))
                    .startsWith("PUBLIC.IX_WF_EVENT_PENDING:").contains("RING_HASH >= ?1");
            assertThat(plan(keepAlive, dialect.selectUnsentOutboxOfInstance(), "i"))
                    .startsWith("PUBLIC.IX_WF_OUTBOX_UNSENT:").contains("STATUS = 'UNSENT'").contains("INSTANCE_ID = ?1");
            assertThat(plan(keepAlive, dialect.selectUnsentOutboxBetween(), 1L, 2L, 10))
                    .startsWith("PUBLIC.IX_WF_OUTBOX_UNSENT_HASH:").contains("STATUS = 'UNSENT'")
                    .contains("RING_HASH >= ?1").contains("RING_HASH < ?2");
            // Not the primary key: that walks every event the instance ever had, processed ones included.
            assertThat(plan(keepAlive, dialect.selectPendingEvents(), 1L, "i"))
                    .startsWith("PUBLIC.IX_WF_EVENT_PENDING:").contains("STATUS = 'PENDING'")
                    .contains("RING_HASH = ?1").contains("INSTANCE_ID = ?2");
        }
    }

    /** The index comment of H2's plan for {@code sql}: the index used and the conditions it scans by. */
    private static String plan(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                String plan = rs.getString(1).replaceAll("\\s+", " ").replace("\"", "");
                return plan.substring(plan.indexOf("/* ") + 3, plan.indexOf(" */"));
            }
        }
    }
}
