package org.workflowring.store;

/** One way of reaching a database in the tests: how to name a fresh one and which dialect speaks to it. */
interface StoreSetup {

    /** The JDBC URL of a fresh, empty database called {@code name}. */
    String url(String name);

    /** The dialect the store uses for it. */
    Database database();

    /** Embedded in-memory H2, native dialect. */
    static StoreSetup h2Embedded() {
        return setup(name -> "jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=10000", Database.H2);
    }

    /** In-memory H2 in Oracle compatibility mode, Oracle dialect. */
    static StoreSetup h2OracleMode() {
        return setup(name -> "jdbc:h2:mem:" + name + ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
                Database.ORACLE);
    }

    /** In-memory H2 served by the TCP server on {@code port} of loopback, native dialect. */
    static StoreSetup h2Tcp(int port) {
        return setup(name -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                Database.H2);
    }

    private static StoreSetup setup(java.util.function.Function<String, String> urls, Database database) {
        return new StoreSetup() {
            @Override
            public String url(String name) {
                return urls.apply(name);
            }

            @Override
            public Database database() {
                return database;
            }
        };
    }
}
