package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.curator.framework.CuratorFramework;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/** One node in Camel against a real in-process ZooKeeper and a real embedded H2: the per-event path end to end. */
class WorkflowRingComponentTest extends CamelTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final SharedZooKeeper zk = new SharedZooKeeper();

    private final MapWorkflowRegistry registry = RingFixture.orderWorkflowOnMocks();
    private JdbcWorkflowStore store;
    private String jdbcUrl;
    private RingFixture.Node node;
    private String ringName;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        jdbcUrl = RingFixture.memUrl();
        store = RingFixture.h2Store(jdbcUrl, 64);
        ringName = "ring-" + System.nanoTime();
        node = RingFixture.node(RingFixture.settings(zk.connectString(), ringName), "n1");
        RingFixture.awaitReady(node, 1, WAIT);
        context.addComponent("workflow-ring", RingFixture.component(node, store, registry));
        RingFixture.resolveMocks(context, RingFixture.ORDER_MOCKS);
        RingFixture.resolveMocks(context, "mock:dead");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("workflow-ring:orders:direct:events?workflowType=order&deadLetterUri=mock:dead"
                        + "&recoverySweepPeriod=300&maxAttempts=2&maxPayloadBytes=64&relayRetryDelay=50")
                        .to("mock:intake");
                from("direct:store").to("workflow-ring:orders?workflowType=order");
            }
        };
    }

    @Override
    public void tearDown() throws Exception {
        super.tearDown();
        node.close();
        store.close();
    }

    private void event(String instance, String key, String body) {
        template.sendBodyAndHeaders("direct:events", body,
                Map.of(WorkflowRingHeaders.INSTANCE_ID, instance, WorkflowRingHeaders.EVENT_KEY, key));
    }

    private MockEndpoint mock(String name) {
        return getMockEndpoint("mock:" + name);
    }

    private static String text(Exchange e) {
        return new String(e.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
    }

    @Test
    void orderRunsCreatedPaidShippedAndEachBackendGetsOneMessageWithItsIdempotencyKey() throws Exception {
        event("o-1", "e1", "created 10");
        event("o-1", "e2", "paid");
        event("o-1", "e3", "shipped T-1");

        await().atMost(WAIT).until(() -> mock("customer").getReceivedCounter() == 1);
        assertThat(mock("billing").getExchanges()).singleElement().satisfies(e -> {
            assertThat(text(e)).isEqualTo("invoice o-1 10");
            assertThat(e.getMessage().getHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY)).isEqualTo("o-1:1");
        });
        assertThat(mock("warehouse").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowIdempotencyKey"))
                .containsExactly("o-1:2");
        assertThat(mock("customer").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowIdempotencyKey"))
                .containsExactly("o-1:3");
        await().atMost(WAIT).until(() -> store.unsentOutbox("o-1").isEmpty());
        assertThat(store.findInstance("o-1").orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(mock("intake").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowRingOutcome"))
                .containsOnly("STORED");
    }

    @Test
    void aDuplicateEventKeyIsANoOp() throws Exception {
        event("o-2", "e1", "created 5");
        event("o-2", "e1", "created 5");
        await().atMost(WAIT).until(() -> store.unsentOutbox("o-2").isEmpty() && mock("billing").getReceivedCounter() == 1);
        assertThat(store.pendingEvents("o-2")).isEmpty();
        assertThat(mock("billing").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void missingInstanceIdGoesToTheDeadLetterEndpointWithTheReason() {
        template.sendBody("direct:events", "created 1");
        await().atMost(WAIT).until(() -> mock("dead").getReceivedCounter() == 1);
        assertThat(mock("dead").getExchanges().get(0).getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_REASON))
                .isEqualTo("MISSING_INSTANCE_ID");
    }

    @Test
    void oversizedPayloadIsDeadLetteredAndNotStored() {
        event("o-3", "e1", "created " + "9".repeat(100));
        await().atMost(WAIT).until(() -> mock("dead").getReceivedCounter() == 1);
        assertThat(mock("dead").getExchanges().get(0).getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_REASON))
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(store.findInstance("o-3")).isEmpty();
    }

    @Test
    void unknownWorkflowTypeIsParkedKeptAndRunsWhenTheTypeAppears() {
        template.sendBodyAndHeaders("direct:events", "hello", Map.of(WorkflowRingHeaders.INSTANCE_ID, "e-1",
                WorkflowRingHeaders.EVENT_KEY, "k1", WorkflowRingHeaders.WORKFLOW_TYPE, "echo"));
        await().atMost(WAIT).until(() -> mock("dead").getReceivedCounter() == 1);
        assertThat(mock("dead").getExchanges().get(0).getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_REASON))
                .isEqualTo("UNKNOWN_WORKFLOW_TYPE");
        assertThat(store.pendingEvents("e-1")).hasSize(1);

        registry.register(new Workflow() {
            @Override
            public String type() {
                return "echo";
            }

            @Override
            public Transition apply(byte[] state, WorkflowEvent event) {
                return Transition.to(event.payload()).finish();
            }
        });

        await().atMost(WAIT).until(() -> store.pendingEvents("e-1").isEmpty());
        assertThat(new String(store.findInstance("e-1").orElseThrow().state(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(mock("dead").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aWorkflowThatKeepsThrowingIsDeadLetteredAfterItsAttemptsAndTheInstanceGoesOn() throws Exception {
        event("o-4", "e1", "paid"); // not created yet: the order workflow refuses it
        event("o-4", "e2", "created 7");
        await().atMost(WAIT).until(() -> mock("billing").getReceivedCounter() == 1);
        assertThat(mock("dead").getExchanges()).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_REASON)).isEqualTo("WORKFLOW_FAILED");
            assertThat(e.getMessage().getHeader(WorkflowRingHeaders.EVENT_SEQ)).isEqualTo(1L);
            assertThat((String) e.getMessage().getHeader(WorkflowRingHeaders.DEAD_LETTER_DETAIL)).contains("failed 2 times");
        });
        // The row is kept, as DEAD.
        await().atMost(WAIT).until(() -> store.pendingEvents("o-4").isEmpty());
        assertThat(eventStatus("o-4", 1)).isEqualTo("DEAD");
        assertThat(eventStatus("o-4", 2)).isEqualTo("PROCESSED");
    }

    private String eventStatus(String instance, long seq) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT status FROM wf_event WHERE instance_id = ? AND seq = ?")) {
            ps.setString(1, instance);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aFailingBackendIsRetriedWithTheSameKeyUntilItTakesTheMessage() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        mock("billing").whenAnyExchangeReceived(e -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("billing down");
            }
        });
        event("o-5", "e1", "created 3");
        await().atMost(WAIT).until(() -> calls.get() == 3 && store.unsentOutbox("o-5").isEmpty());
        assertThat(calls).hasValue(3);
        assertThat(mock("billing").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowIdempotencyKey"))
                .containsOnly("o-5:1");
    }

    @Test
    void aMessageDeliveredWhoseMarkFailedIsMarkedLaterNotSentAgain() throws Exception {
        // While billing takes the message, another session locks its outbox row: marking it sent fails (H2's lock
        // timeout, a real database error) until that session lets go, as during a database restart.
        ScheduledExecutorService release = Executors.newSingleThreadScheduledExecutor();
        try {
            mock("billing").whenAnyExchangeReceived(e -> {
                String key = e.getMessage().getHeader("WorkflowIdempotencyKey", String.class);
                Connection locker = DriverManager.getConnection(jdbcUrl);
                locker.setAutoCommit(false);
                try (PreparedStatement lock = locker.prepareStatement(
                        "UPDATE wf_outbox SET status = status WHERE idempotency_key = ?")) {
                    lock.setString(1, key);
                    lock.executeUpdate();
                }
                release.schedule(() -> {
                    locker.rollback();
                    locker.close();
                    return null;
                }, 2500, TimeUnit.MILLISECONDS);
            });
            event("o-7", "e1", "created 8");

            await().atMost(WAIT).until(() -> store.unsentOutbox("o-7").isEmpty());
            assertThat(mock("billing").getExchanges())
                    .extracting(e -> e.getMessage().getHeader("WorkflowIdempotencyKey")).containsExactly("o-7:1");
        } finally {
            release.shutdownNow();
        }
    }

    @Test
    void theRecoverySweepRunsEventsThatCameWithoutNotification() {
        store.appendEvent(new NewEvent("o-6", "order", "e1", "created 4".getBytes(StandardCharsets.UTF_8)));
        await().atMost(WAIT).until(() -> mock("billing").getReceivedCounter() == 1);
        assertThat(store.pendingEvents("o-6")).isEmpty();
    }

    @Test
    void theProducerStoresTheEventAndTheOwnerRunsIt() {
        template.sendBodyAndHeaders("direct:store", "created 8", Map.of(WorkflowRingHeaders.INSTANCE_ID, "o-7"));
        await().atMost(WAIT).until(() -> mock("billing").getReceivedCounter() == 1);
        assertThat(store.findInstance("o-7").orElseThrow().ownerNode()).isEqualTo("n1");
    }

    @Test
    void aNewerClaimFencesThisNodeOutAtOnce() throws Exception {
        event("o-8", "e1", "created 1");
        await().atMost(WAIT).until(() -> mock("billing").getReceivedCounter() == 1 && store.unsentOutbox("o-8").isEmpty());
        ZkRingNode ring = node.ring();
        long token = ring.locks().grant("o-8").orElseThrow().token();
        // Another node took the instance (a higher token) while this one still believes it holds the lock.
        assertThat(store.claim("o-8", token + 1_000_000, "intruder")).isTrue();

        event("o-8", "e2", "paid");

        await().atMost(WAIT).until(() -> ring.locks().grant("o-8").isEmpty());
        assertThat(store.pendingEvents("o-8")).hasSize(1);
        assertThat(store.findInstance("o-8").orElseThrow().ownerNode()).isEqualTo("intruder");
        assertThat(mock("warehouse").getReceivedCounter()).isZero();
    }

    @Test
    void eventsOfInstancesAnotherNodeOwnsAreAcknowledgedAndDropped() throws Exception {
        try (RingFixture.Node other = RingFixture.node(RingFixture.settings(zk.connectString(), ringName),
                "n2")) {
            await().atMost(WAIT).until(() -> node.ring().ring().map(r -> r.size() == 2).orElse(false));
            String foreign = firstOwnedBy("n2");
            String own = firstOwnedBy("n1");
            event(foreign, "e1", "created 1");
            event(own, "e1", "created 2");
            await().atMost(WAIT).until(() -> mock("billing").getReceivedCounter() == 1);
            assertThat(store.findInstance(foreign)).isEmpty();
            assertThat(mock("intake").getExchanges()).extracting(e -> e.getMessage().getHeader("WorkflowRingOutcome"))
                    .containsExactly("NOT_OWNED", "STORED");
            assertThat(other.ring().ring()).isPresent();
        }
    }

    @Test
    void aFilterConsumerThatHasNotSeenItselfJoinRefusesEventsInsteadOfDroppingThem() throws Exception {
        ZkRingSettings settings = RingFixture.settings(zk.connectString(), ringName);
        try (CuratorFramework client = ZkTesting.client(settings);
             ZkRingNode joining = new ZkRingNode(client, settings, new MemberRecord("n3", 1, "", MemberState.JOINING), 16);
             DefaultCamelContext other = new DefaultCamelContext()) {
            joining.start(); // registered, not yet ACTIVE: in nobody's ring, its own view included
            other.addComponent("workflow-ring", RingFixture.component(new RingFixture.Node(client, joining), store, registry));
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("workflow-ring:orders:direct:joining?workflowType=order").to("mock:joining");
                }
            });
            other.start();
            await().atMost(WAIT).until(() -> joining.readiness().isReady());
            String ownedByN1 = firstOwnedBy(joining, "n1");

            Exchange refused = other.createProducerTemplate().send("direct:joining", e -> {
                e.getMessage().setBody("created 1");
                e.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, ownedByN1);
            });

            assertThat(refused.getException()).hasMessageContaining("has not yet seen itself join the ring");
            joining.activate();
            await().atMost(WAIT).until(joining::seesOwnMembership);
            String ownedByN1Now = firstOwnedBy(joining, "n1");
            Exchange dropped = other.createProducerTemplate().send("direct:joining", e -> {
                e.getMessage().setBody("created 1");
                e.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, ownedByN1Now);
            });
            assertThat(dropped.getException()).isNull();
            assertThat(dropped.getMessage().getHeader("WorkflowRingOutcome")).isEqualTo("NOT_OWNED");
        }
    }

    @Test
    void workflowCallsRunOnTheEnginesWorkersNeverOnTheConsumersThreadHoweverManyInstancesWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Set<String> callThreads = ConcurrentHashMap.newKeySet();
        registry.register(new Workflow() {
            @Override
            public String type() {
                return "held";
            }

            @Override
            public Transition apply(byte[] state, WorkflowEvent event) throws Exception {
                String thread = Thread.currentThread().getName();
                callThreads.add(thread);
                if (thread.contains("WorkflowRing[orders]")) {
                    release.await(30, TimeUnit.SECONDS); // holds the workers so that instances pile up behind them
                }
                return Transition.to("done");
            }
        });
        // More instances with work than Camel's default pool queue (1,000) plus the workers: the queue must not
        // refuse a mailbox's turn and hand it to the consumer's thread (CallerRuns).
        int instances = 1_100;
        for (int i = 0; i < instances; i++) {
            template.sendBodyAndHeaders("direct:events", "go", Map.of(WorkflowRingHeaders.INSTANCE_ID, "held-" + i,
                    WorkflowRingHeaders.EVENT_KEY, "e1", WorkflowRingHeaders.WORKFLOW_TYPE, "held"));
        }
        release.countDown();

        await().atMost(Duration.ofSeconds(60)).until(() -> callThreads.size() > 0
                && java.util.stream.IntStream.range(0, instances).allMatch(i -> store.pendingEvents("held-" + i).isEmpty()));
        assertThat(callThreads).allMatch(name -> name.contains("WorkflowRing[orders]"), "an engine worker");
    }

    @Test
    void wrongOptionsFailAtRouteStartNamingTheOption() {
        Map<String, String> wrong = Map.of(
                "workflow-ring:orders:direct:x?workflowType=order&mailboxBound=0", "mailboxBound",
                "workflow-ring:orders:direct:x?workflowType=order&mode=sideways", "mode",
                "workflow-ring:orders:direct:x", "workflowType",
                "workflow-ring:orders:direct:x?workflowType=order&workerThreads=-1", "workerThreads",
                "workflow-ring:orders:direct:x?workflowType=order&mode=forward", "advertisedAddress");
        for (Map.Entry<String, String> e : wrong.entrySet()) {
            String uri = e.getKey();
            String option = e.getValue();
            assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("bad-" + option).to("mock:never");
                }
            })).as(uri).hasStackTraceContaining("option '" + option + "'");
        }
    }

    private String firstOwnedBy(String member) {
        return firstOwnedBy(node.ring(), member);
    }

    /** The first test instance id that {@code member} owns in {@code view}'s ring. */
    private static String firstOwnedBy(ZkRingNode view, String member) {
        for (int i = 0; ; i++) {
            String id = "x-" + i;
            if (view.ring().orElseThrow().ownerOf(id).id().equals(member)) {
                return id;
            }
        }
    }
}
