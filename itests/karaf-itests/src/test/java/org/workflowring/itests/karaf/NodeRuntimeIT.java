package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.ConfigurationAdmin;
import org.workflowring.management.MemberView;
import org.workflowring.management.RingManagement;

/**
 * The node runtime in the booted distribution: a Blueprint route file in {@code deploy/} uses {@code workflow-ring:}
 * with no bean definitions, the {@code ring:*} commands print what they should, drain/undrain change the member
 * state, and a changed {@code org.workflowring.node} configuration is applied live.
 *
 * <p>The test methods run inside the container; {@link #config()} runs in the driver JVM.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeRuntimeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RING = "it-orders";

    @Inject
    @Filter(timeout = 120_000)
    private RingManagement management;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() throws Exception {
        return Distribution.options();
    }

    /** Deploys the route file once (the container lives for the whole class) and waits for its ring. */
    @Before
    public void deployRouteFile() throws Exception {
        Path file = Paths.get(System.getProperty("karaf.base"), "deploy", "it-orders.xml");
        if (!Files.exists(file)) {
            Files.writeString(file, """
                    <blueprint xmlns="http://www.osgi.org/xmlns/blueprint/v1.0.0">
                      <camelContext id="it-orders" xmlns="http://camel.apache.org/schema/blueprint">
                        <route id="feed">
                          <from uri="timer:feed?repeatCount=1"/>
                          <setHeader name="WorkflowInstanceId"><constant>it-1</constant></setHeader>
                          <setBody><constant>create</constant></setBody>
                          <to uri="workflow-ring:it-orders?workflowType=order"/>
                        </route>
                        <route id="intake">
                          <from uri="workflow-ring:it-orders:seda:it-events?workflowType=order"/>
                          <to uri="log:it"/>
                        </route>
                      </camelContext>
                    </blueprint>
                    """, StandardCharsets.UTF_8);
        }
        awaitTrue("ring " + RING + " running and READY", () -> management.rings().contains(RING)
                && "READY".equals(management.status(RING).connection())
                && "ACTIVE".equals(management.status(RING).memberState()));
    }

    @Test
    public void routeFileInDeployRunsTheRingOnTheNodesEngine() {
        assertEquals("it-orders", management.status(RING).camelContext());
        assertEquals(1, management.status(RING).members());
        assertEquals(1.0, management.status(RING).ownedShare(), 1e-9);
        // The producer's event took the instance's lock (held while the instance is active).
        awaitTrue("lock of it-1 held", () -> management.instances(RING).stream().anyMatch(i -> i.instanceId().equals("it-1")));
    }

    @Test
    public void shellCommandsPrintRingMembersStatusOwnerAndInstances() throws Exception {
        String node = management.nodeId();
        String members = execute("ring:members");
        assertTrue(members, members.contains("Node") && members.contains(node + " (this node)") && members.contains("ACTIVE")
                && members.contains("100.0%"));
        String status = execute("ring:status --ring " + RING);
        for (String expected : new String[] {"Ring version", "Owned share", "100.0%", "Instances active", "Locks held",
                "Mailbox depth", "Fenced out", "Connection", "READY", "it-orders"}) {
            assertTrue("ring:status lacks " + expected + ":\n" + status, status.contains(expected));
        }
        String owner = execute("ring:owner some-instance");
        assertTrue(owner, owner.contains("some-instance -> " + node + " (this node)"));
        awaitTrue("lock of it-1 held", () -> management.instances(RING).stream().anyMatch(i -> i.instanceId().equals("it-1")));
        String instances = execute("ring:instances");
        assertTrue(instances, instances.contains("Fencing token") && instances.contains("it-1") && instances.contains("yes"));
    }

    @Test
    public void drainAndUndrainChangeThisMembersState() throws Exception {
        String drained = execute("ring:drain");
        assertTrue(drained, drained.contains("DRAINING"));
        awaitTrue("member DRAINING, ring empty", () -> "DRAINING".equals(self().state())
                && management.status(RING).members() == 0);
        String undrained = execute("ring:undrain");
        assertTrue(undrained, undrained.contains("ACTIVE"));
        awaitTrue("member ACTIVE again", () -> "ACTIVE".equals(self().state()) && management.status(RING).members() == 1);
    }

    @Test
    public void changedNodeIdIsAppliedLive() throws Exception {
        org.osgi.service.cm.Configuration node = configurationAdmin.getConfiguration("org.workflowring.node", null);
        Dictionary<String, Object> properties = node.getProperties() == null ? new Hashtable<>() : node.getProperties();
        String renamed = "renamed-" + System.nanoTime();
        properties.put("nodeId", renamed);
        node.update(properties);
        // The routes restart: the ring runs again, now as the renamed member, and the old member is gone.
        awaitTrue("ring " + RING + " back under node id " + renamed, () -> management.rings().contains(RING)
                && renamed.equals(management.status(RING).nodeId())
                && management.members(RING).stream().map(MemberView::nodeId).toList().equals(java.util.List.of(renamed)));
        assertEquals(renamed, management.nodeId());
        assertNotNull(self());
    }

    private MemberView self() {
        return management.members(RING).stream().filter(MemberView::self).findFirst().orElse(null);
    }

    /** Runs a command as bin/client would and returns what it printed. */
    private String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // The ring is not running (yet or while restarting).
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
