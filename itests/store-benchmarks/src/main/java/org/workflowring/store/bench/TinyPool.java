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
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A minimal connection pool for the benchmark: at most {@code maxConnections} handed out (callers beyond wait),
 * idle connections in a lock-free queue, closing a handed-out connection puts it back.
 *
 * <p>It exists to show what H2's {@code JdbcConnectionPool} costs per transaction (a synchronized hand-out plus a
 * rollback and an auto-commit switch on every return), and what the pool size does: embedded H2 takes a monitor on
 * every written table at commit, so many concurrent writers mostly wait for each other there.
 * <b>IMPORTANT</b>: no validation, no eviction; it relies on the store restoring auto-commit before closing, which
 * the store does.
 */
final class TinyPool implements DataSource, AutoCloseable {

    private final String url;
    private final Semaphore permits;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

    TinyPool(String url, int maxConnections) {
        this.url = Objects.requireNonNull(url, "url must not be null");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
        }
        this.permits = new Semaphore(maxConnections);
    }

    @Override
    public Connection getConnection() throws SQLException {
        permits.acquireUninterruptibly();
        try {
            Connection physical = idle.poll();
            return handle(physical != null ? physical : DriverManager.getConnection(url, "sa", ""));
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection handle(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        idle.add(physical);
                        permits.release();
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
