package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * Forward mode between two nodes (each its own CamelContext) over loopback HTTP: events go to the owner, a node that
 * does not own a forwarded instance passes it on and never runs it, and a notification past its hops is parked.
 */
class ForwardModeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestingServer zk;
    private JdbcWorkflowStore store;
    private ZkRingSettings settings;
    private RingFixture.Node slowOwner;
    private Side n1;
    private Side n2;

    /** One node: ring membership, Camel, its backends. */
    private record Side(RingFixture.Node node, CamelContext camel, String address) {
        MockEndpoint mock(String name) {
            return camel.getEndpoint("mock:" + name, MockEndpoint.class);
        }
    }

    @BeforeEach
    void start() throws Exception {
        zk = ZkTesting.server(Duration.ofMillis(200));
        String url = RingFixture.memUrl();
        store = RingFixture.h2Store(url, 1 << 16);
        settings = RingFixture.settings(zk.getConnectString(), "forward-" + System.nanoTime());
        // Two free-port lookups in a row may return the same port: search the second above the first.
        int port1 = AvailablePortFinder.getNextAvailable(20000, 40000);
        int port2 = AvailablePortFinder.getNextAvailable(port1 + 1, 50000);
        n1 = side(settings, "n1", port1);
        n2 = side(settings, "n2", port2);
        await().atMost(WAIT).until(() -> ready(n1) && ready(n2));
    }

    private static boolean ready(Side side) {
        return side.node().ring().readiness().isReady()
                && side.node().ring().ring().map(r -> r.size() == 2).orElse(false);
    }

    private Side side(ZkRingSettings settings, String id, int port) throws Exception {
        String address = "netty-http:http://127.0.0.1:" + port + "/ring/" + id;
        RingFixture.Node node = RingFixture.node(settings, id, address);
        CamelContext camel = new DefaultCamelContext();
        WorkflowRingComponent component = new WorkflowRingComponent();
        component.setRingNode(node.ring());
        component.setStore(store);
        component.setAdvertisedAddress(address);
        component.setWorkflowRegistry(RingFixture.orderWorkflowOnMocks());
        camel.addComponent("workflow-ring", component);
        RingFixture.resolveMocks(camel, RingFixture.ORDER_MOCKS);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?mode=forward&workflowType=order&recoverySweepPeriod=600000")
                        .to("mock:intake");
            }
        });
        camel.start();
        return new Side(node, camel, address);
    }

    @AfterEach
    void stop() throws Exception {
        if (slowOwner != null) {
            slowOwner.close();
        }
        for (Side side : new Side[] {n1, n2}) {
            if (side != null) {
                side.camel().stop();
                side.node().close();
            }
        }
        store.close();
        zk.close();
    }

    private String ownedBy(String member) {
        return ownedBy(n1, member);
    }

    private static String ownedBy(Side viewer, String member) {
        return ownedBy(viewer, member, 1).get(0);
    }

    /** The first {@code n} test instance ids that {@code member} owns in {@code viewer}'s ring. */
    private static List<String> ownedBy(Side viewer, String member, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < n; i++) {
            String id = "f-" + i;
            if (viewer.node().ring().ring().orElseThrow().ownerOf(id).id().equals(member)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void anEventOfAnotherNodesInstanceIsStoredAndRunByItsOwner() {
        String theirs = ownedBy("n2");
        n1.camel().createProducerTemplate().sendBodyAndHeaders("direct:events", "created 4",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, theirs, WorkflowRingHeaders.EVENT_KEY, "e1"));

        await().atMost(WAIT).until(() -> n2.mock("billing").getReceivedCounter() == 1);
        assertThat(n1.mock("billing").getReceivedCounter()).isZero();
        assertThat(n1.mock("intake").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowRingOutcome"))
                .containsExactly("FORWARDED");
        assertThat(store.findInstance(theirs).orElseThrow().ownerNode()).isEqualTo("n2");
    }

    @Test
    void aReceiverThatDoesNotOwnTheInstancePassesItOnAndNeverRunsIt() {
        String theirs = ownedBy("n2");
        n2.camel().createProducerTemplate().sendBodyAndHeaders("direct:events", "created 9",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, theirs, WorkflowRingHeaders.EVENT_KEY, "e1"));
        await().atMost(WAIT).until(() -> n2.mock("billing").getReceivedCounter() == 1);
        // A stale sender's notification reaches n1, which does not own the instance under its own view.
        ProducerTemplate http = n1.camel().createProducerTemplate();
        String answer = http.requestBodyAndHeaders(n1.address(), "", Map.of(WorkflowRingHeaders.INSTANCE_ID, theirs,
                Forwarder.HOPS, 1), String.class);

        assertThat(answer).isEqualTo("FORWARDED");
        assertThat(n1.node().ring().locks().grant(theirs)).isEmpty();
        assertThat(n1.mock("billing").getReceivedCounter()).isZero();
    }

    @Test
    void aNotificationPastItsHopsIsParkedNotRun() {
        String theirs = ownedBy("n2");
        String answer = n1.camel().createProducerTemplate().requestBodyAndHeaders(n1.address(), "",
                Map.of(WorkflowRingHeaders.INSTANCE_ID, theirs, Forwarder.HOPS, Forwarder.MAX_HOPS), String.class);

        assertThat(answer).isEqualTo("PARKED");
        assertThat(n1.node().ring().locks().grant(theirs)).isEmpty();
    }

    @Test
    void anOwnerThatDoesNotAnswerDoesNotHoldUpForwardsToTheOtherOwners() throws Exception {
        // n3 is a member whose advertised address accepts connections and never answers (a paused node): each
        // request to it ends only at its 1 s request timeout.
        try (ServerSocket silent = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            slowOwner = RingFixture.node(settings, "n3",
                    "netty-http:http://127.0.0.1:" + silent.getLocalPort() + "/ring/n3?requestTimeout=1000");
            await().atMost(WAIT).until(() -> n1.node().ring().ring().map(r -> r.size() == 3).orElse(false)
                    && n2.node().ring().ring().map(r -> r.size() == 3).orElse(false));
            ProducerTemplate events = n1.camel().createProducerTemplate();
            for (String silentsInstance : ownedBy(n1, "n3", 40)) {
                events.sendBodyAndHeaders("direct:events", "created 1",
                        Map.of(WorkflowRingHeaders.INSTANCE_ID, silentsInstance, WorkflowRingHeaders.EVENT_KEY, "e1"));
            }
            String n2sInstance = ownedBy(n1, "n2");
            events.sendBodyAndHeaders("direct:events", "created 2",
                    Map.of(WorkflowRingHeaders.INSTANCE_ID, n2sInstance, WorkflowRingHeaders.EVENT_KEY, "e1"));

            // Queued behind the 40 forwards to n3, each waiting out its timeout on one of the two forwarding threads,
            // n2's notification would leave after 20 s; once n3 failed, its address is skipped for a while.
            await().atMost(Duration.ofSeconds(8)).until(() -> n2.mock("billing").getReceivedCounter() == 1);
            assertThat(store.findInstance(n2sInstance).orElseThrow().ownerNode()).isEqualTo("n2");
            assertThat(store.pendingEvents(ownedBy(n1, "n3"))).hasSize(1); // stored, left to n3's recovery sweep
        }
    }

    @Test
    void theIntakeDoesNotWaitForTheOwnerToAnswerAForward() throws Exception {
        // An owner whose advertised address answers only when the test lets it: a sender that forwarded on the
        // consumer's thread would hang here (two such nodes forwarding to each other deadlocked, docs/cluster.md).
        CountDownLatch answer = new CountDownLatch(1);
        n1.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slow-owner").process(e -> answer.await()).to("mock:slow-owner");
            }
        });
        slowOwner = RingFixture.node(settings, "n3", "direct:slow-owner");
        await().atMost(WAIT).until(() -> n1.node().ring().ring().map(r -> r.size() == 3).orElse(false));
        String theirs = ownedBy(n1, "n3");

        Object outcome = assertTimeoutPreemptively(WAIT, () -> n1.camel().createProducerTemplate()
                .request("direct:events", e -> {
                    e.getMessage().setBody("created 5");
                    e.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, theirs);
                    e.getMessage().setHeader(WorkflowRingHeaders.EVENT_KEY, "slow-1");
                }).getMessage().getHeader("WorkflowRingOutcome"));

        assertThat(outcome).isEqualTo("FORWARDED");
        assertThat(n1.mock("slow-owner").getReceivedCounter()).isZero();
        answer.countDown();
        await().atMost(WAIT).until(() -> n1.mock("slow-owner").getReceivedCounter() == 1);
        assertThat(n1.mock("slow-owner").getExchanges().get(0).getMessage()
                .getHeader(WorkflowRingHeaders.INSTANCE_ID)).isEqualTo(theirs);
    }
}
