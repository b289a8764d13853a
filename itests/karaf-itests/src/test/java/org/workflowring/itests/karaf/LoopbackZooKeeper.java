package org.workflowring.itests.karaf;

import java.io.IOException;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * One ZooKeeper server in the test JVM (the Pax Exam driver), on loopback, for the Curator clients inside the container.
 *
 * <p><b>IMPORTANT</b>: only the driver may touch this class; the container has no curator-test. The server lives as
 * long as the test JVM (a shutdown hook closes it), since the driver has no hook that runs after the last test.
 */
final class LoopbackZooKeeper {

    private static TestingServer server;

    private LoopbackZooKeeper() {
    }

    /** {@code 127.0.0.1:port} of the server, started on the first call. */
    static synchronized String connectString() throws Exception {
        if (server == null) {
            TestingServer started = new TestingServer(
                    new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"),
                    true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the data directory is temporary.
                }
            }, "loopback-zookeeper-stop"));
            server = started;
        }
        return "127.0.0.1:" + server.getPort();
    }
}
