package org.workflowring.store;

import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The store contracts against a real H2 TCP server on loopback (a free port picked by the system), as nodes in
 * other JVMs would reach a shared database.
 */
class H2TcpStoreTest {

    private static Server server;
    private static StoreSetup setup;

    @BeforeAll
    static void startServer() throws SQLException {
        // -ifNotExists lets the test create its in-memory databases remotely; the surefire configuration binds
        // the server to 127.0.0.1 (h2.bindAddress).
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        setup = StoreSetup.h2Tcp(server.getPort());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Nested
    class Core extends WorkflowStoreContract {
        @Override
        StoreSetup setup() {
            return setup;
        }
    }

    @Nested
    class Recovery extends RecoveryScanContract {
        @Override
        StoreSetup setup() {
            return setup;
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        StoreSetup setup() {
            return setup;
        }
    }

    @Nested
    class Fencing extends FencingConcurrencyContract {
        @Override
        StoreSetup setup() {
            return setup;
        }
    }
}
