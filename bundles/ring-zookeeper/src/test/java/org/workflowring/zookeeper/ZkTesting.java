package org.workflowring.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Test helpers: in-process ZooKeeper servers, started clients and the two kinds of session expiry. */
public final class ZkTesting {

    private static final String LOOPBACK = "127.0.0.1";

    private ZkTesting() {
    }

    /** A started single server with the given tick time (it bounds session timeouts to 2..20 ticks). */
    public static TestingServer server(Duration tickTime) throws Exception {
        return new TestingServer(spec(tickTime), true);
    }

    /**
     * An instance spec on free loopback ports with the given tick time. Without {@code clientPortAddress} the
     * server would listen on every interface; tests talk over loopback only.
     */
    public static InstanceSpec spec(Duration tickTime) {
        return new InstanceSpec(null, -1, -1, -1, true, -1, Math.toIntExact(tickTime.toMillis()), -1,
                Map.of("clientPortAddress", LOOPBACK), LOOPBACK);
    }

    /** A started client for the settings, connected within the connection timeout. */
    public static CuratorFramework client(ZkRingSettings settings) throws InterruptedException {
        CuratorFramework client = settings.newClient();
        client.start();
        if (!client.blockUntilConnected(Math.toIntExact(settings.connectionTimeout().toMillis() * 3), TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("not connected to " + settings.connectString());
        }
        return client;
    }

    /** The client's current session id. */
    public static long sessionId(CuratorFramework client) throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /**
     * Client-side expiry, as curator-test's {@link KillSession}: the client believes its session expired (Curator
     * reports LOST and starts a new session) while the server keeps the old one until it times out.
     */
    public static void injectExpiry(CuratorFramework client) throws Exception {
        KillSession.kill(client.getZookeeperClient().getZooKeeper());
    }

    /**
     * Server-side expiry: another connection takes over the session and closes it, so the server deletes its
     * ephemeral znodes now; the client finds out when it reconnects.
     */
    public static void expireOnServer(CuratorFramework client, String connectString) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper thief = new ZooKeeper(connectString, 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, zk.getSessionId(), zk.getSessionPasswd());
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not attach to session " + Long.toHexString(zk.getSessionId()));
            }
        } finally {
            thief.close();
        }
    }

    /** The answer of the {@code srvr} four-letter command of a server, e.g. to find its mode (leader/follower). */
    public static String srvr(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
