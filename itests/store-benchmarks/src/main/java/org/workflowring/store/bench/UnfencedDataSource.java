package org.workflowring.store.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A data source for the benchmark baseline that can take the fence condition out of the transition's update, so the
 * same store code runs with and without it.
 *
 * <p><b>IMPORTANT</b>: benchmark only. Without the condition a stale owner's writes land; the store itself has no such
 * switch. Both variants go through this proxy, so its small cost is in both numbers.
 */
final class UnfencedDataSource {

    /** The fence condition of {@code SqlDialect.updateInstanceFenced()}. */
    static final String FENCE_CONDITION = "WHERE id = ? AND fence = ?";
    /** Same parameters, no check of the stored token. */
    static final String NO_FENCE_CONDITION = "WHERE id = ? AND CAST(? AS BIGINT) IS NOT NULL";

    private UnfencedDataSource() {
    }

    /** {@code pool} seen through a proxy that removes the fence condition if {@code fenced} is false. */
    static DataSource wrap(DataSource pool, boolean fenced) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    return result instanceof Connection connection ? connection(connection, fenced) : result;
                });
    }

    private static Connection connection(Connection connection, boolean fenced) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (!fenced && method.getName().equals("prepareStatement") && args[0] instanceof String sql
                    && sql.startsWith("UPDATE wf_instance SET status")) {
                if (!sql.contains(FENCE_CONDITION)) {
                    throw new SQLException("the store's fenced update changed; update the benchmark: " + sql);
                }
                args[0] = sql.replace(FENCE_CONDITION, NO_FENCE_CONDITION);
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
