package org.workflowring.itests.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Makes a {@link KarafNode} a member of the test cluster: node id, ZooKeeper through its own proxy, the shared H2
 * server as its DataSource, the event port and backend URL, the test workflow bundle and the routes in
 * {@code deploy/}.
 *
 * <p>The keys are those of {@code etc/org.workflowring.node.cfg} and {@code etc/org.ops4j.datasource-workflowring.cfg}
 * (docs/karaf.md).
 */
public final class ClusterNodeSetup {

    /** The ring every test node joins (the routes use {@code workflow-ring:cluster}). */
    public static final String RING = "cluster";

    private ClusterNodeSetup() {
    }

    /**
     * @param zooKeeperUrl   connect string the node uses (its proxy's)
     * @param sessionTimeout ZooKeeper session timeout in milliseconds
     * @param jdbcUrl        the shared database
     * @param backendUrl     base URL of the recording backend
     */
    public static void configure(KarafNode node, String zooKeeperUrl, int sessionTimeout, String jdbcUrl,
            String backendUrl) {
        node.set("etc/org.workflowring.node.cfg", "nodeId", node.id())
                .set("etc/org.workflowring.node.cfg", "zooKeeperUrl", zooKeeperUrl)
                .set("etc/org.workflowring.node.cfg", "sessionTimeout", Integer.toString(sessionTimeout))
                .set("etc/org.workflowring.node.cfg", "connectionTimeout", "3000")
                // requestTimeout: a forward to an owner that does not answer fails after 2 s and the stored event
                // waits for the owner's sweep, instead of holding one of the engine's forwarding threads.
                .set("etc/org.workflowring.node.cfg", "advertisedAddress",
                        "netty-http:http://127.0.0.1:" + node.port("forward") + "/workflow-ring?requestTimeout=2000")
                .set("etc/org.ops4j.datasource-workflowring.cfg", "url", jdbcUrl)
                .set("etc/org.ops4j.datasource-workflowring.cfg", "user", "sa")
                .set("etc/org.ops4j.datasource-workflowring.cfg", "password", "")
                // A pool (feature pax-jdbc-pool-dbcp2, installed after boot): the DataSource service appears then.
                .set("etc/org.ops4j.datasource-workflowring.cfg", "pool", "dbcp2")
                .set("etc/org.ops4j.datasource-workflowring.cfg", "xa", "false")
                .set("etc/org.ops4j.datasource-workflowring.cfg", "jdbc.pool.maxTotal", "24")
                .set("etc/org.ops4j.datasource-workflowring.cfg", "jdbc.pool.maxIdle", "24")
                // The nodes use the harness's ensemble: the distribution's embedded development server stays off.
                .set("etc/system.properties", "workflowring.zookeeper.embedded.enabled", "false")
                .set("etc/system.properties", "workflowring.cluster.eventsPort", Integer.toString(node.port("events")))
                .set("etc/system.properties", "workflowring.cluster.topicPort", Integer.toString(node.port("topic")))
                .set("etc/system.properties", "workflowring.cluster.dispatchPort", Integer.toString(node.port("dispatch")))
                .set("etc/system.properties", "workflowring.cluster.backendUrl", backendUrl)
                .set("etc/system.properties", "workflowring.cluster.backendUri", "direct:backend")
                .set("etc/system.properties", "workflowring.cluster.calls", node.callFile().toString());
        node.deploy(Assembly.workflowBundle());
    }

    /**
     * After the node has started: installs, from the distribution's own {@code system/} (offline), the route files'
     * components ({@code workflow-ring-routes}: camel-netty-http) and the DataSource pool. A Blueprint context whose
     * component is missing fails for good instead of waiting for it, so this comes before the routes.
     */
    public static void installFeatures(KarafNode node) {
        String installed = node.shell("feature:list -i -o");
        if (!installed.contains("workflow-ring-routes") || !installed.contains("pax-jdbc-pool-dbcp2")) {
            node.shell("feature:install workflow-ring-routes pax-jdbc-pool-dbcp2");
        }
    }

    /** Deploys the routes: the node joins the ring when they start. Returns once the event port listens. */
    public static void deployRoutes(KarafNode node) {
        node.deploy(resource(node.home(), "cluster-routes.xml"));
        Waits.until(node.id() + " listening for events on 127.0.0.1:" + node.port("events"), Duration.ofSeconds(90),
                Duration.ofMillis(250), () -> listening(node.port("events")));
    }

    /**
     * Deploys the master-worker dispatch route (benchmark baseline, {@code cluster-dispatch.xml}): only the node that
     * camel-zookeeper-master elects listens on its dispatch port.
     */
    public static void deployDispatch(KarafNode node) {
        node.deploy(resource(node.home(), "cluster-dispatch.xml"));
    }

    /** Whether the node listens on its dispatch port, i.e. is the master of the dispatch route. */
    public static boolean dispatching(KarafNode node) {
        return listening(node.port("dispatch"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The node's event URL, for the load generator. */
    public static String eventUrl(KarafNode node) {
        return "http://127.0.0.1:" + node.port("events") + "/events";
    }

    /** The node's filter-mode (topic) URL. */
    public static String topicUrl(KarafNode node) {
        return "http://127.0.0.1:" + node.port("topic") + "/topic";
    }

    /** The node's master-worker dispatch URL (answers only on the master). */
    public static String dispatchUrl(KarafNode node) {
        return "http://127.0.0.1:" + node.port("dispatch") + "/dispatch";
    }

    private static Path resource(Path home, String name) {
        Path file = home.resolve(name);
        try (InputStream in = ClusterNodeSetup.class.getResourceAsStream("/cluster/" + name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster routes to " + file, e);
        }
    }
}
