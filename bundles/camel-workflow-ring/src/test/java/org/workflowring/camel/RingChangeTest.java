package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.zookeeper.ZkRingSettings;

/**
 * Ring changes seen by the engine, with a recovery sweep too slow to explain anything: gained ranges are scanned at
 * once, and instances that moved away are neither run nor kept locked.
 */
class RingChangeTest extends CamelTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private JdbcWorkflowStore store;
    private ZkRingSettings settings;
    private RingFixture.Node node;
    private RingFixture.Node other;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        store = RingFixture.h2Store(RingFixture.memUrl(), 1 << 16);
        settings = RingFixture.settings(zk.connectString(), "change-" + System.nanoTime());
        node = RingFixture.node(settings, "n1");
        other = RingFixture.node(settings, "n2");
        RingFixture.awaitReady(node, 2, WAIT);
        context.addComponent("workflow-ring", RingFixture.component(node, store, RingFixture.orderWorkflowOnMocks()));
        RingFixture.resolveMocks(context, RingFixture.ORDER_MOCKS);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?workflowType=order&recoverySweepPeriod=600000")
                        .to("mock:intake");
            }
        };
    }

    @Override
    public void tearDown() throws Exception {
        super.tearDown();
        other.close();
        node.close();
        store.close();
    }

    @Test
    void rangesGainedWhenAnotherNodeDrainsAreScannedAtOnce() {
        String theirs = ownedBy("n2", 0);
        store.appendEvent(new NewEvent(theirs, "order", "e1", "created 3".getBytes(StandardCharsets.UTF_8)));

        other.ring().drain();

        await().atMost(WAIT).until(() -> getMockEndpoint("mock:billing").getReceivedCounter() == 1);
        assertThat(store.findInstance(theirs).orElseThrow().ownerNode()).isEqualTo("n1");
    }

    @Test
    void anInstanceThatMovedAwayIsReleasedAndItsNextEventIsNotRun() throws Exception {
        other.ring().drain();
        await().atMost(WAIT).until(() -> node.ring().ring().map(r -> r.size() == 1).orElse(false));
        String moving = ownedByAfterRejoin();
        template.sendBodyAndHeaders("direct:events", "created 1",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, moving, WorkflowRingHeaders.EVENT_KEY, "e1"));
        await().atMost(WAIT).until(() -> node.ring().locks().grant(moving).isPresent()
                && getMockEndpoint("mock:billing").getReceivedCounter() == 1);

        other.ring().activate();

        await().atMost(WAIT).until(() -> node.ring().locks().grant(moving).isEmpty());
        template.sendBodyAndHeaders("direct:events", "paid",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, moving, WorkflowRingHeaders.EVENT_KEY, "e2"));
        assertThat(getMockEndpoint("mock:intake").getExchanges())
                .extracting(e -> e.getMessage().getHeader("WorkflowRingOutcome")).containsExactly("STORED", "NOT_OWNED");
        assertThat(getMockEndpoint("mock:warehouse").getReceivedCounter()).isZero();
    }

    /** An instance n2 owns in the two-member ring (the ring of the fixture's 16 vnodes each). */
    private String ownedBy(String member, int start) {
        for (int i = start; ; i++) {
            String id = "x-" + i;
            if (node.ring().ring().orElseThrow().ownerOf(id).id().equals(member)) {
                return id;
            }
        }
    }

    /** An instance n1 owns now (alone) that n2 will own once it is active again. */
    private String ownedByAfterRejoin() {
        // The ring is a pure function of the member set: the one every node will compute.
        Ring both = Ring.of(List.of(new Member("n1", 1), new Member("n2", 1)), 16);
        for (int i = 0; ; i++) {
            String id = "m-" + i;
            if (both.ownerOf(id).id().equals("n2")) {
                return id;
            }
        }
    }
}
