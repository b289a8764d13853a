package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * Two CamelContexts of one node (two route files in Karaf) sharing one {@link RingEngines} and one Curator client:
 * a ring gets one engine and one member, a second consumer context is refused, producers share the engine.
 */
class RingEnginesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private final RingEngines engines = new RingEngines();
    private final String ring = "engines-" + System.nanoTime();
    private CuratorFramework client;
    private JdbcWorkflowStore store;
    private CamelContext home;
    private CamelContext other;

    @BeforeEach
    void start() throws Exception {
        client = ZkTesting.client(RingFixture.settings(zk.connectString(), ring));
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        home = context("home", "workflow-ring:" + ring + ":direct:events?workflowType=order", "mock:intake");
        home.start();
        await().atMost(WAIT).until(() -> engines.node(ring).map(n -> n.readiness().isReady()
                && n.ring().map(r -> r.contains("n1")).orElse(false)).orElse(false));
    }

    @AfterEach
    void stop() throws Exception {
        if (other != null) {
            other.stop();
        }
        home.stop();
        client.close();
        store.close();
    }

    @Test
    void consumerOfTheSameRingInAnotherContextIsRefusedNamingTheHomeContext() throws Exception {
        other = context("other", "workflow-ring:" + ring + ":direct:more?workflowType=order", "mock:more");

        assertThatThrownBy(other::start).hasStackTraceContaining("ring '" + ring + "' already runs its engine on this node")
                .hasStackTraceContaining("CamelContext 'home'");
        assertThat(engines.rings()).containsExactly(ring);
    }

    @Test
    void producerInAnotherContextSharesTheOneEngineAndMember() throws Exception {
        other = context("other", "direct:store", "workflow-ring:" + ring + "?workflowType=order");
        other.start();

        other.createProducerTemplate().sendBodyAndHeaders("direct:store", "created 5",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, "o-1"));

        await().atMost(WAIT).until(() -> store.findInstance("o-1").map(i -> i.fence() > 0).orElse(false)
                && store.pendingEvents("o-1").isEmpty());
        assertThat(client.getChildren().forPath(ZkRingSettings.of(zk.connectString(), ring).membersPath())).containsExactly("n1");
        assertThat(engines.status(ring)).get().extracting(RingEngineStatus::camelContext, RingEngineStatus::users)
                .containsExactly("home", 2);
    }

    @Test
    void stoppingTheHomeContextStopsTheEngineAndTheNodeLeavesTheRing() throws Exception {
        String members = ZkRingSettings.of(zk.connectString(), ring).membersPath();

        home.stop();

        assertThat(engines.rings()).isEmpty();
        await().atMost(WAIT).until(() -> client.getChildren().forPath(members).isEmpty());
    }

    /** A context (a route file) with one route {@code from -> to} and a component on the shared engines and client. */
    private CamelContext context(String name, String from, String to) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.setName(name);
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setEngines(engines);
        component.setZooKeeperClient(client);
        component.setNodeId("n1");
        component.setStore(store);
        component.setWorkflowRegistry(RingFixture.orderWorkflowOnMocks());
        context.addComponent("workflow-ring", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
        return context;
    }
}
