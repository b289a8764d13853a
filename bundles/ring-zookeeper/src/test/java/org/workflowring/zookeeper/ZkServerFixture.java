package org.workflowring.zookeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-process ZooKeeper server per test (tick 200 ms), settings for one ring on it with 2 s timeouts, and
 * whatever the test registers to close, closed in reverse order before the server stops.
 */
final class ZkServerFixture implements BeforeEachCallback, AfterEachCallback {

    private final String ringName;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestingServer server;
    private ZkRingSettings settings;

    ZkServerFixture(String ringName) {
        this.ringName = ringName;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = ZkTesting.server(Duration.ofMillis(200));
        settings = ZkRingSettings.of(server.getConnectString(), ringName)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
        server.close();
    }

    TestingServer server() {
        return server;
    }

    ZkRingSettings settings() {
        return settings;
    }

    /** Registers {@code closeable} to be closed after the test; returns it. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
