package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.workflowring.management.RingManagement;

/**
 * Hot deploy of a workflow bundle, the first run of the whiteboard workflow registry in Karaf: with order-workflow.xml
 * deployed and no bundle for type "order", events are stored and parked (one UNKNOWN_WORKFLOW_TYPE dead letter
 * each); the sample bundle's jar dropped into {@code deploy/} releases them; removing the jar parks new ones again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SampleHotDeployIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ORDER_WORKFLOW = "(&(objectClass=org.workflowring.api.Workflow)(workflow.type=order))";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private RingManagement management;

    private Path deadLetters;
    private Path orders;
    private Path sample;

    @Configuration
    public Option[] config() throws Exception {
        // No workflow-ring-sample: the test brings the sample as a jar in deploy/.
        return Options.concat(Distribution.options(), CamelRoutes.options(),
                features(Distribution.featuresRepository(), "workflow-ring-routes"));
    }

    @Before
    public void deployRoutes() throws Exception {
        deadLetters = DeployFolder.copy(CamelRoutes.file("dead-letters.xml"));
        orders = DeployFolder.copy(CamelRoutes.file("order-workflow.xml"));
        Await.until("order-events started", WAIT, () -> CamelMBeans.routeStarted("workflow-ring-orders", "order-events"));
        Await.until("this node ACTIVE in ring orders", WAIT, () -> CamelRoutes.inOrdersRing(management));
    }

    @After
    public void removeEverything() throws Exception {
        if (sample != null) {
            DeployFolder.remove(sample);
            Await.until("no order workflow service", WAIT, () -> !orderWorkflowPublished());
        }
        DeployFolder.remove(orders);
        DeployFolder.remove(deadLetters);
        Await.until("order-events gone", WAIT, () -> CamelMBeans.exchangesCompleted("workflow-ring-orders", "order-events").isEmpty());
    }

    @Test
    public void parkedEventsRunWhenTheSampleBundleIsHotDeployed() throws Exception {
        assertEquals("202 STORED", CamelRoutes.post("hot-1", "hot-1-created", "created 11"));
        assertEquals("202 STORED", CamelRoutes.post("hot-1", "hot-1-paid", "paid"));
        Await.until("both events parked with an UNKNOWN_WORKFLOW_TYPE dead letter each", WAIT,
                () -> CamelRoutes.countContaining(CamelRoutes.deadLetterLines(), "UNKNOWN_WORKFLOW_TYPE", " hot-1 ") == 2);
        assertEquals(0, CamelRoutes.count(CamelRoutes.backendLines("billing"), "hot-1:"));

        sample = DeployFolder.copy(sampleJar());
        Duration released = Await.until("the parked events ran", WAIT,
                () -> CamelRoutes.count(CamelRoutes.backendLines("billing"), "hot-1:1 invoice hot-1 11") == 1
                        && CamelRoutes.count(CamelRoutes.backendLines("warehouse"), "hot-1:2 pick hot-1") == 1);
        System.out.println("SampleHotDeployIT: parked events ran " + released.toMillis() + " ms after the sample jar was dropped into deploy/");
    }

    @Test
    public void eventsParkWhileTheSampleBundleIsUndeployedAndRunWhenItReturns() throws Exception {
        sample = DeployFolder.copy(sampleJar());
        Await.until("the order workflow service is published", WAIT, this::orderWorkflowPublished);
        assertEquals("202 STORED", CamelRoutes.post("cold-1", "cold-1-created", "created 5"));
        Await.until("cold-1 billed while the sample is there", WAIT,
                () -> CamelRoutes.count(CamelRoutes.backendLines("billing"), "cold-1:1 ") == 1);

        DeployFolder.remove(sample);
        sample = null;
        Duration gone = Await.until("the order workflow service is gone", WAIT, () -> !orderWorkflowPublished());
        System.out.println("SampleHotDeployIT: the order workflow was unregistered " + gone.toMillis() + " ms after its jar was removed");
        assertEquals("202 STORED", CamelRoutes.post("cold-1", "cold-1-paid", "paid"));
        Await.until("the new event parked with an UNKNOWN_WORKFLOW_TYPE dead letter", WAIT,
                () -> CamelRoutes.countContaining(CamelRoutes.deadLetterLines(), "UNKNOWN_WORKFLOW_TYPE", " cold-1 ") == 1);
        Await.holds("nothing reaches the warehouse while no bundle handles orders", Duration.ofSeconds(2),
                () -> CamelRoutes.count(CamelRoutes.backendLines("warehouse"), "cold-1:") == 0);

        sample = DeployFolder.copy(sampleJar());
        Await.until("the parked event ran once the bundle was back", WAIT,
                () -> CamelRoutes.count(CamelRoutes.backendLines("warehouse"), "cold-1:2 pick cold-1") == 1);
        assertEquals(1, CamelRoutes.count(CamelRoutes.backendLines("billing"), "cold-1:"));
    }

    private boolean orderWorkflowPublished() {
        try {
            return bundleContext.getAllServiceReferences(null, ORDER_WORKFLOW) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample bundle's jar in the distribution's system/ folder (feature workflow-ring-sample puts it there). */
    private static Path sampleJar() throws IOException {
        Path folder = Paths.get(System.getProperty("karaf.home"), "system", "org", "workflowring", "sample-order-workflow");
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sample jar under " + folder));
        }
    }
}
