package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class H2ServerProcessIT {

    @Test
    void aRestartedServerKeepsCommittedDataOnTheSameUrl() throws Exception {
        Path dir = Path.of("target/h2-server-it-" + System.nanoTime());
        try (H2ServerProcess h2 = new H2ServerProcess(dir).start()) {
            String url = h2.jdbcUrl("kept");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v INT)");
                s.execute("INSERT INTO t VALUES (42)");
            }
            long before = h2.pid();
            Connection open = DriverManager.getConnection(url, "sa", "");

            h2.restart();

            assertThat(h2.pid()).isNotEqualTo(before);
            // A connection from before the restart is broken; a new one on the same URL sees the data.
            assertThatThrownBy(() -> open.createStatement().executeQuery("SELECT v FROM t")).isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT v FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
            }
        }
    }
}
