package org.workflowring.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedPoolTest {

    private final BoundedPool pool = new BoundedPool("jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 2);

    @AfterEach
    void close() throws SQLException {
        pool.close();
    }

    @Test
    void aCallerBeyondTheBoundWaitsUntilAConnectionIsReturned() throws Exception {
        Connection first = pool.getConnection();
        Connection second = pool.getConnection();
        CompletableFuture<Connection> third = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(third).isNotDone();

        first.close();

        try (Connection got = third.get(5, TimeUnit.SECONDS)) {
            assertThat(got.isValid(1)).isTrue();
        }
        second.close();
    }

    @Test
    void aReturnedConnectionIsReusedNotReopened() throws Exception {
        String session;
        try (Connection c = pool.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            session = rs.getString(1);
        }
        try (Connection c = pool.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(session);
        }
    }

    @Test
    void closingTwiceReturnsTheConnectionOnceAndTheHandleIsDeadAfterwards() throws Exception {
        Connection c = pool.getConnection();
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("returned");
        // Had the double close released two permits, three connections could be out at once.
        Connection a = pool.getConnection();
        Connection b = pool.getConnection();
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                pool.getConnection().close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(third).isNotDone();
        a.close();
        third.get(5, TimeUnit.SECONDS);
        b.close();
    }
}
