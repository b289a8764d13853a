package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** In a stock Karaf 4.4.10: feature:repo-add of the workflow-ring features, then feature:install workflow-ring. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafFeatureIT {

    private static final List<String> EXPECTED = Arrays.asList(
            "org.workflowring.ring-core", "org.workflowring.ring-zookeeper", "org.workflowring.ring-store",
            "org.apache.zookeeper", "curator-recipes", "com.h2database", "org.ops4j.pax.jdbc.config");

    @Inject
    private FeaturesService featuresService;

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() throws Exception {
        return StockKaraf.options();
    }

    @Test
    public void workflowRingInstallsFromItsFeaturesRepository() throws Exception {
        String version = System.getProperty("workflowring.version");
        featuresService.addRepository(URI.create("mvn:org.workflowring/workflow-ring-features/" + version + "/xml/features"));
        featuresService.installFeature("workflow-ring", EnumSet.noneOf(FeaturesService.Option.class));

        assertTrue(featuresService.isInstalled(featuresService.getFeature("workflow-ring")));
        for (String name : EXPECTED) {
            Bundle bundle = Arrays.stream(bundleContext.getBundles()).filter(b -> name.equals(b.getSymbolicName()))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " is not installed"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bundle.getState() != Bundle.ACTIVE && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(name, Bundle.ACTIVE, bundle.getState());
        }
    }
}
