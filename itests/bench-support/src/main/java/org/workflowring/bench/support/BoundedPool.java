package org.workflowring.bench.support;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A minimal bounded connection pool for the benchmarks: at most {@code maxConnections} connections are handed out,
 * callers beyond that block on a semaphore (no polling), idle connections wait in a lock-free queue and closing a
 * handed-out connection puts it back.
 *
 * <p>Why not H2's {@code JdbcConnectionPool}: when every connection is out it polls with {@code Thread.sleep} (thread
 * dumps of the first end-to-end runs showed most feeders and workers sleeping there), and it pays a synchronized
 * hand-out plus a rollback and an auto-commit switch on every return. In Karaf use pax-jdbc's pooling instead.
 *
 * <p><b>IMPORTANT</b>: benchmark only: no validation, no eviction, and a connection goes back as the caller left
 * it; the workflow-ring store restores auto-commit before it closes a connection, which is all this pool relies on.
 */
public final class BoundedPool implements DataSource, AutoCloseable {

    private final String url;
    private final Semaphore permits;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

    /** A pool of at most {@code maxConnections} connections to {@code url} (user {@code sa}), opened on demand. */
    public BoundedPool(String url, int maxConnections) {
        this.url = Objects.requireNonNull(url, "url must not be null");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
        }
        this.permits = new Semaphore(maxConnections);
    }

    /** A pooled connection, blocking while all are handed out; closing it returns it to the pool. */
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
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            // A second close must not hand the same connection out twice.
                            if (returned.compareAndSet(false, true)) {
                                idle.add(physical);
                                permits.release();
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned.get() || physical.isClosed();
                        }
                        default -> {
                            if (returned.get()) {
                                throw new SQLException("connection was returned to the pool");
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    /** Closes the idle connections; connections still handed out are closed by nobody (benchmark teardown). */
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
        // No logging in the benchmarks.
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
