package org.workflowring.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.workflowring.zookeeper.ZkRingSettings;

/** The development feature workflow-ring-zookeeper-embedded (a boot feature) runs a ZooKeeper server inside the container. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmbeddedZooKeeperIT {

    private static final String PORT_PROPERTY = "workflowring.zookeeper.embedded.port";

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() throws Exception {
        Option[] base = Distribution.options();
        Option[] all = Arrays.copyOf(base, base.length + 2);
        // A boot feature of the distribution; Distribution turns it off, this test on again, on a free port.
        all[base.length] = editConfigurationFilePut("etc/system.properties", "workflowring.zookeeper.embedded.enabled", "true");
        all[base.length + 1] = editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, String.valueOf(Distribution.freePort()));
        return all;
    }

    @Test
    public void serverBundlesAreActive() throws InterruptedException {
        for (String name : Arrays.asList("org.workflowring.ring-zookeeper-embedded", "io.dropwizard.metrics.core",
                "org.xerial.snappy.snappy-java", "org.apache.zookeeper", "org.workflowring.ring-zookeeper")) {
            Bundle bundle = Arrays.stream(bundleContext.getBundles()).filter(b -> name.equals(b.getSymbolicName()))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " is not installed"));
            // The embedded bundle's activator waits for the server, so it may still be STARTING.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bundle.getState() != Bundle.ACTIVE && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(name, Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void curatorInTheContainerWritesAndReadsOnTheEmbeddedServer() throws Exception {
        String connectString = "127.0.0.1:" + System.getProperty(PORT_PROPERTY);
        try (CuratorFramework client = ZkRingSettings.of(connectString, "embedded-it").newClient()) {
            client.start();
            assertTrue("not connected to " + connectString, client.blockUntilConnected(30, TimeUnit.SECONDS));
            byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/embedded-it/a", data);
            assertArrayEquals(data, client.getData().forPath("/embedded-it/a"));
            assertNotNull(client.checkExists().forPath("/embedded-it"));
        }
    }
}
