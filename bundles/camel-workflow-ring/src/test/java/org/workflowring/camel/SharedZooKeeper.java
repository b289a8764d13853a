package org.workflowring.camel;

import java.time.Duration;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.workflowring.zookeeper.ZkTesting;

/**
 * One in-process loopback ZooKeeper server (tick 200 ms) for all tests of a class; tests keep apart by using
 * their own ring names. Register as a {@code static} field with {@code @RegisterExtension}.
 */
final class SharedZooKeeper implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = ZkTesting.server(Duration.ofMillis(200));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    String connectString() {
        return server.getConnectString();
    }

    int port() {
        return server.getPort();
    }
}
