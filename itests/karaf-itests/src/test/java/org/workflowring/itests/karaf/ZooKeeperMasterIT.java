package org.workflowring.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Feature workflow-ring-zookeeper-master: a {@code master:} route in a Blueprint file dropped into {@code deploy/}
 * really becomes master and runs, on exactly one of two CamelContexts, and the other takes over when it goes.
 *
 * <p>"Route started" proves nothing here: without the re-wrapped camel-zookeeper-master a master: route starts and
 * never becomes master. So the tests read the master consumer's {@code Master} flag and count the exchanges that
 * the route's timer really produced.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZooKeeperMasterIT {

    private static final Duration BECOME_MASTER = Duration.ofSeconds(30);
    private static final String ROUTE = "singleton";

    @Configuration
    public Option[] config() throws Exception {
        return Options.concat(Distribution.options(),
                features(Distribution.featuresRepository(), "workflow-ring-zookeeper-master"));
    }

    @Test
    public void exactlyOneOfTwoContextsBecomesMasterAndOnlyItsRouteRuns() throws Exception {
        Path a = DeployFolder.deploy("master-one-a.xml", masterRouteFile("master-one-a", "group-one"));
        Path b = DeployFolder.deploy("master-one-b.xml", masterRouteFile("master-one-b", "group-one"));
        try {
            Duration elapsed = Await.until("one of master-one-a and master-one-b is master and its route has run",
                    BECOME_MASTER, () -> runsAsMaster("master-one-a") || runsAsMaster("master-one-b"));
            System.out.println("ZooKeeperMasterIT: a master: route was master and had run " + elapsed.toMillis()
                    + " ms after its file was dropped into deploy/");
            String master = runsAsMaster("master-one-a") ? "master-one-a" : "master-one-b";
            String other = master.equals("master-one-a") ? "master-one-b" : "master-one-a";
            Await.until(other + " has its master: route started (as a slave)", BECOME_MASTER,
                    () -> CamelMBeans.routeStarted(other, ROUTE) && CamelMBeans.isMaster(other, ROUTE).isPresent());
            long before = CamelMBeans.exchangesCompleted(master, ROUTE).orElseThrow();
            Await.holds(master + " stays the only master and " + other + " runs nothing", Duration.ofSeconds(2),
                    () -> CamelMBeans.isMaster(master, ROUTE).orElse(false)
                            && !CamelMBeans.isMaster(other, ROUTE).orElse(true)
                            && CamelMBeans.exchangesCompleted(other, ROUTE).orElse(-1L) == 0L);
            assertTrue("the master's timer stopped firing",
                    CamelMBeans.exchangesCompleted(master, ROUTE).orElseThrow() > before);
        } finally {
            DeployFolder.remove(a);
            DeployFolder.remove(b);
        }
    }

    @Test
    public void theOtherContextTakesOverWhenTheMastersFileIsRemoved() throws Exception {
        Path first = DeployFolder.deploy("master-two-a.xml", masterRouteFile("master-two-a", "group-two"));
        Duration alone = Await.until("master-two-a is master and its route has run", BECOME_MASTER,
                () -> runsAsMaster("master-two-a"));
        System.out.println("ZooKeeperMasterIT: a master: route alone in its group was master and had run "
                + alone.toMillis() + " ms after its file was dropped into deploy/");
        Path second = DeployFolder.deploy("master-two-b.xml", masterRouteFile("master-two-b", "group-two"));
        try {
            Await.until("master-two-b has its master: route started", BECOME_MASTER,
                    () -> CamelMBeans.isMaster("master-two-b", ROUTE).isPresent());
            assertEquals(Optional.of(false), CamelMBeans.isMaster("master-two-b", ROUTE));

            DeployFolder.remove(first);
            Duration takeover = Await.until("master-two-b takes over and runs", BECOME_MASTER,
                    () -> runsAsMaster("master-two-b"));
            System.out.println("ZooKeeperMasterIT: the slave was master and had run " + takeover.toMillis()
                    + " ms after the master's file was removed from deploy/");
            Await.until("master-two-a is gone", BECOME_MASTER, () -> CamelMBeans.isMaster("master-two-a", ROUTE).isEmpty());
        } finally {
            DeployFolder.remove(second);
        }
    }

    private static boolean runsAsMaster(String camelId) {
        return CamelMBeans.isMaster(camelId, ROUTE).orElse(false) && CamelMBeans.exchangesCompleted(camelId, ROUTE).orElse(0L) > 0;
    }

    /** A Blueprint file with its own master component (so its own ZooKeeper session) and one master: timer route. */
    private static String masterRouteFile(String camelId, String group) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <blueprint xmlns="http://www.osgi.org/xmlns/blueprint/v1.0.0">
                  <bean id="master" class="org.apache.camel.component.zookeepermaster.MasterComponent">
                    <property name="zooKeeperUrl" value="%s"/>
                  </bean>
                  <camelContext id="%s" xmlns="http://camel.apache.org/schema/blueprint">
                    <route id="%s">
                      <from uri="master:%s:timer:%s?period=100"/>
                      <setBody><constant>tick</constant></setBody>
                    </route>
                  </camelContext>
                </blueprint>
                """.formatted(System.getProperty(Distribution.ZOOKEEPER_PROPERTY), camelId, ROUTE, group, camelId);
    }
}
