package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.curator.framework.CuratorFramework;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.workflowring.store.Database;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.store.StoreConfig;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;

/**
 * The project's Karaf distribution boots offline with every workflow-ring bundle and its third-party stack active,
 * and the bundles work there: Curator reaches a ZooKeeper, the store runs on a configured H2 DataSource.
 *
 * <p>The test methods run inside the container; {@link #config()} runs in the driver JVM.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkflowRingDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Bundles that must be ACTIVE; fragments (the ZooKeeper jute wrap) must be RESOLVED. */
    private static final List<String> REQUIRED = Arrays.asList(
            "org.workflowring.ring-core", "org.workflowring.ring-zookeeper", "org.workflowring.ring-store",
            "org.workflowring.workflow-api", "org.workflowring.camel-workflow-ring", "org.workflowring.ring-runtime",
            "org.workflowring.ring-commands", "org.workflowring.ring-zookeeper-embedded",
            "org.apache.camel.camel-api", "org.apache.camel.karaf.camel-blueprint",
            "org.apache.zookeeper", "org.apache.zookeeper.jute",
            "curator-client", "curator-framework", "curator-recipes", "com.google.guava",
            "io.netty.common", "io.netty.handler", "io.netty.transport",
            "com.h2database", "org.ops4j.pax.jdbc.config");

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(value = "(dataSourceName=" + Distribution.DATA_SOURCE_NAME + ")", timeout = 60_000)
    private DataSource dataSource;

    @Configuration
    public Option[] config() throws Exception {
        return Distribution.options();
    }

    @Test
    public void everyBundleIsActiveAndEveryFragmentAttached() {
        Map<String, Bundle> bySymbolicName = new TreeMap<>();
        StringBuilder notStarted = new StringBuilder();
        for (Bundle bundle : bundleContext.getBundles()) {
            bySymbolicName.put(bundle.getSymbolicName(), bundle);
            int expected = isFragment(bundle) ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notStarted.append(' ').append(bundle.getSymbolicName()).append('=').append(bundle.getState());
            }
        }
        assertEquals("bundles not started (state codes):", "", notStarted.toString());
        for (String name : REQUIRED) {
            assertNotNull(name + " is not installed", bySymbolicName.get(name));
        }
    }

    @Test
    public void zooKeeperBundleIsWiredToNettyAndItsJuteFragment() {
        Bundle zooKeeper = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.apache.zookeeper".equals(b.getSymbolicName())).findFirst().orElseThrow();
        BundleWiring wiring = zooKeeper.adapt(BundleWiring.class);
        // The wrap imports Netty optionally: without this wire the Netty client socket would fail at run time.
        assertTrue("ZooKeeper does not import io.netty.channel from the Netty bundle",
                wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                        .anyMatch(w -> "io.netty.channel".equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))));
        assertTrue("the jute fragment is not attached",
                wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE).stream()
                        .anyMatch(w -> "org.apache.zookeeper.jute".equals(w.getRequirer().getSymbolicName())));
        assertEquals("org.apache.zookeeper.ClientCnxnSocketNetty", System.getProperty("zookeeper.clientCnxnSocket"));
    }

    @Test
    public void ringNodeInTheContainerJoinsTheRingAndTakesALock() throws Exception {
        String connectString = System.getProperty(Distribution.ZOOKEEPER_PROPERTY);
        assertNotNull("no ZooKeeper connect string", connectString);
        ZkRingSettings settings = ZkRingSettings.of(connectString, "karaf-it");
        try (CuratorFramework client = settings.newClient()) {
            client.start();
            assertTrue("not connected to " + connectString, client.blockUntilConnected(30, TimeUnit.SECONDS));
            try (ZkRingNode node = new ZkRingNode(client, settings, new MemberRecord("node-1", 1, "", MemberState.JOINING))) {
                node.start();
                node.activate();
                awaitTrue("node-1 ready and in its own ring",
                        () -> node.readiness().isReady() && node.ring().map(r -> r.contains("node-1")).orElse(false));
                assertNotNull(client.checkExists().forPath(settings.memberPath("node-1")));
                assertTrue(node.owns("wf-1"));
                assertNotNull(node.locks().acquire("wf-1", Duration.ofSeconds(10)));
            }
        }
    }

    @Test
    public void storeMigratesAndWritesThroughTheConfiguredH2DataSource() throws Exception {
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(dataSource, StoreConfig.of(Database.H2))) {
            store.start();
            assertTrue(store.appendEvent(new NewEvent("order-1", "order", "e1", new byte[] {1})));
            assertTrue(store.claim("order-1", 1, "node-1"));
            InstanceRecord instance = store.findInstance("order-1").orElseThrow();
            assertEquals(1L, instance.fence());
            assertEquals("node-1", instance.ownerNode());
            assertEquals(1, store.pendingEvents("order-1").size());
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT H2VERSION()")) {
            assertTrue(rows.next());
            assertTrue(rows.getString(1), rows.getString(1).startsWith("2."));
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
