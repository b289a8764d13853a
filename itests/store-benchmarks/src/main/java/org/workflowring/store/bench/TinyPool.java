package org.workflowring.store.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A minimal connection pool for the benchmark: idle connections wait in a lock-free queue, and closing a handed-out
 * connection puts it back.
 *
 * <p>It exists to show what H2's {@code JdbcConnectionPool} costs per transaction (a synchronized hand-out plus a
 * rollback and an auto-commit switch on every return). <b>IMPORTANT</b>: no size limit, no validation, no eviction;
 * it relies on the store restoring auto-commit before closing, which the store does.
 */
final class TinyPool implements DataSource, AutoCloseable {

    private final String url;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

    TinyPool(String url) {
        this.url = Objects.requireNonNull(url, "url must not be null");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = idle.poll();
        if (physical == null) {
            physical = DriverManager.getConnection(url, "sa", "");
        }
        return handle(physical);
    }

    private Connection handle(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        idle.add(physical);
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the benchmark pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // No logging in the benchmark.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Connections are local.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
