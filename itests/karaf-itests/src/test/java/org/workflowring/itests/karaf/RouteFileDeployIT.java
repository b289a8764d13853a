package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.workflowring.management.RingManagement;

/**
 * The route files of camel-routes/, copied into {@code deploy/} of the distribution with the sample workflow
 * installed: events in over HTTP, outbox messages out to the stub backends once each; removing a file stops it; a
 * wrong option fails naming it; the housekeeping singleton becomes master and reports.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouteFileDeployIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    private RingManagement management;

    @Configuration
    public Option[] config() throws Exception {
        return Options.concat(Distribution.options(), CamelRoutes.options(),
                features(Distribution.featuresRepository(), "workflow-ring-routes", "workflow-ring-sample"));
    }

    @Test
    public void orderRouteFileRunsEventsEndToEndAndEachOutboxMessageReachesItsBackendOnce() throws Exception {
        Path deadLetters = DeployFolder.copy(CamelRoutes.file("dead-letters.xml"));
        Path orders = DeployFolder.copy(CamelRoutes.file("order-workflow.xml"));
        try {
            Duration started = Await.until("order-events started", WAIT,
                    () -> CamelMBeans.routeStarted("workflow-ring-orders", "order-events"));
            System.out.println("RouteFileDeployIT: order-workflow.xml started " + started.toMillis() + " ms after the copy");
            Await.until("this node ACTIVE in ring orders", WAIT, () -> CamelRoutes.inOrdersRing(management));

            assertEquals("202 STORED", CamelRoutes.post("e2e-1", "e2e-1-created", "created 100"));
            assertEquals("202 STORED", CamelRoutes.post("e2e-1", "e2e-1-paid", "paid"));
            assertEquals("202 STORED", CamelRoutes.post("e2e-1", "e2e-1-shipped", "shipped TRK-1"));
            assertEquals("202 STORED", CamelRoutes.post("e2e-2", "e2e-2-created", "created 7"));
            // The same event again (a client retry): stored once, so it runs and reaches the backend once.
            assertEquals("202 STORED", CamelRoutes.post("e2e-1", "e2e-1-paid", "paid"));

            Await.until("every outbox message at its backend", WAIT,
                    () -> CamelRoutes.count(CamelRoutes.backendLines("billing"), "e2e-1:1 invoice e2e-1 100") == 1
                            && CamelRoutes.count(CamelRoutes.backendLines("billing"), "e2e-2:1 invoice e2e-2 7") == 1
                            && CamelRoutes.count(CamelRoutes.backendLines("warehouse"), "e2e-1:2 pick e2e-1") == 1
                            && CamelRoutes.count(CamelRoutes.backendLines("customer"), "e2e-1:3 shipped e2e-1 TRK-1") == 1);
            Await.holds("each message arrived once, nothing else for these orders", Duration.ofSeconds(3),
                    () -> CamelRoutes.count(CamelRoutes.backendLines("billing"), "e2e-") == 2
                            && CamelRoutes.count(CamelRoutes.backendLines("warehouse"), "e2e-") == 1
                            && CamelRoutes.count(CamelRoutes.backendLines("customer"), "e2e-") == 1);

            assertEquals("422 DEAD_LETTERED", CamelRoutes.post("", "no-id", "created 1"));
            Await.until("the dead letter in dead-letters.txt", WAIT,
                    () -> CamelRoutes.countContaining(CamelRoutes.deadLetterLines(), "MISSING_INSTANCE_ID", "| created 1") == 1,
                    () -> "dead-letters route started " + CamelMBeans.routeStarted("workflow-ring-dead-letters", "dead-letters")
                            + ", exchanges completed " + CamelMBeans.exchangesCompleted("workflow-ring-dead-letters", "dead-letters")
                            + ", failed " + CamelMBeans.exchangesFailed("workflow-ring-dead-letters", "dead-letters")
                            + ", file lines " + CamelRoutes.deadLetterLines()
                            + ", log " + CamelRoutes.karafLogLines("Exception", 5));
        } finally {
            DeployFolder.remove(orders);
            DeployFolder.remove(deadLetters);
        }
    }

    @Test
    public void removingTheRouteFileStopsItsIntake() throws Exception {
        Path orders = DeployFolder.copy(CamelRoutes.file("order-workflow.xml"));
        Await.until("order-events started", WAIT, () -> CamelMBeans.routeStarted("workflow-ring-orders", "order-events"));
        Await.until("this node ACTIVE in ring orders", WAIT, () -> CamelRoutes.inOrdersRing(management));
        assertEquals("202 STORED", CamelRoutes.post("rm-1", "rm-1-created", "created 3"));
        Await.until("rm-1 billed", WAIT, () -> CamelRoutes.count(CamelRoutes.backendLines("billing"), "rm-1:1 ") == 1);

        DeployFolder.remove(orders);
        Duration stopped = Await.until("order-events gone", WAIT,
                () -> CamelMBeans.exchangesCompleted("workflow-ring-orders", "order-events").isEmpty());
        System.out.println("RouteFileDeployIT: order-workflow.xml stopped " + stopped.toMillis() + " ms after its removal");
        try {
            String answer = CamelRoutes.post("rm-2", "rm-2-created", "created 4");
            fail("the intake still answers after its file was removed: " + answer);
        } catch (IOException expected) {
            // Nothing listens on the port any more.
        }
    }

    @Test
    public void aRouteWithAWrongOptionFailsWithAMessageNamingTheOption() throws Exception {
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        long logBefore = Files.size(log);
        Path wrong = DeployFolder.deploy("wrong-mode.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <blueprint xmlns="http://www.osgi.org/xmlns/blueprint/v1.0.0">
                  <camelContext id="wrong-mode" xmlns="http://camel.apache.org/schema/blueprint">
                    <route id="wrong-intake">
                      <from uri="workflow-ring:wrong:seda:wrong-events?workflowType=order&amp;mode=sideways"/>
                      <log message="${header.WorkflowRingOutcome}"/>
                    </route>
                  </camelContext>
                </blueprint>
                """);
        try {
            Await.until("karaf.log names option 'mode' and its value", WAIT,
                    () -> logSince(log, logBefore).contains("option 'mode' = sideways must be 'filter' or 'forward'"));
            assertFalse("a route with a wrong option started", CamelMBeans.routeStarted("wrong-mode", "wrong-intake"));
        } finally {
            DeployFolder.remove(wrong);
        }
    }

    @Test
    public void housekeepingSingletonBecomesMasterAndReports() throws Exception {
        Path housekeeping = DeployFolder.copy(CamelRoutes.file("housekeeping.xml"));
        try {
            Duration master = Await.until("ring-report is master and has reported twice", WAIT,
                    () -> CamelMBeans.isMaster("workflow-ring-housekeeping", "ring-report").orElse(false)
                            && CamelMBeans.exchangesCompleted("workflow-ring-housekeeping", "ring-report").orElse(0L) >= 2);
            System.out.println("RouteFileDeployIT: housekeeping.xml was master with two reports " + master.toMillis()
                    + " ms after the copy");
            assertEquals(Long.valueOf(0), CamelMBeans.exchangesFailed("workflow-ring-housekeeping", "ring-report").orElseThrow());
        } finally {
            DeployFolder.remove(housekeeping);
        }
    }

    private static String logSince(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
