package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.zookeeper.BlackHoleProxy;
import org.workflowring.zookeeper.Readiness;

/**
 * A node whose ZooKeeper connection goes silent (SUSPENDED) keeps events safe but runs none of them, and sends
 * nothing, until the connection heals; a filter consumer refuses to acknowledge while it cannot tell ownership.
 */
class SuspendedNodeTest extends CamelTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private JdbcWorkflowStore store;
    private BlackHoleProxy proxy;
    private RingFixture.Node node;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        proxy = new BlackHoleProxy(zk.port());
        // 4 s sessions: SUSPENDED comes after about 2.7 s of silence, expiry would take 4 s more than the test needs.
        node = RingFixture.node(RingFixture.settings(proxy.connectString(), "suspend-" + System.nanoTime())
                .withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(2)), "n1");
        RingFixture.awaitReady(node, 1, WAIT);
        WorkflowRingComponent component = RingFixture.component(node, store, RingFixture.orderWorkflowOnMocks());
        context.addComponent("workflow-ring", component);
        RingFixture.resolveMocks(context, RingFixture.ORDER_MOCKS);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?workflowType=order&recoverySweepPeriod=200").to("mock:intake");
                from("direct:store").to("workflow-ring:orders?workflowType=order");
            }
        };
    }

    @Override
    public void tearDown() throws Exception {
        super.tearDown();
        node.close();
        proxy.close();
        store.close();
    }

    @Test
    void suspendedNodeStoresButRunsNothingUntilItHeals() {
        proxy.blackHole();
        await().atMost(WAIT).until(() -> node.ring().readiness().level() == Readiness.Level.SUSPENDED);

        template.sendBodyAndHeaders("direct:store", "created 5", Map.of(WorkflowRingHeaders.INSTANCE_ID, "o-1"));
        // A filter consumer cannot know whether it owns the event: it fails the exchange instead of dropping it.
        Exception refused = template.send("direct:events", e -> {
            e.getMessage().setBody("created 6");
            e.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, "o-2");
        }).getException();

        assertThat(refused).hasMessageContaining("not ready");
        assertThat(store.pendingEvents("o-1")).hasSize(1);
        // Several sweep periods pass while suspended; the event stays pending and nothing is sent.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> store.pendingEvents("o-1").size() == 1);
        assertThat(getMockEndpoint("mock:billing").getReceivedCounter()).isZero();

        proxy.heal();

        await().atMost(WAIT).until(() -> getMockEndpoint("mock:billing").getReceivedCounter() == 1);
        assertThat(store.pendingEvents("o-1")).isEmpty();
    }
}
