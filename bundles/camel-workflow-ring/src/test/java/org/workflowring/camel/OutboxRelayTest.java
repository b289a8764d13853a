package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.store.OutboxMessage;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.StoreException;
import org.workflowring.store.Transition;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.LockGrant;

/**
 * The relay's last check before a send, on a real H2 store: a proof of the fencing token that is older than
 * {@link OutboxRelay#MAX_CHECK_AGE} (the node was paused after it) is read again, so a node that resumes after a
 * takeover sends nothing for the instance it lost; every message carries the grant's token; the rows of a turn share
 * a fresh proof and one mark.
 */
class OutboxRelayTest {

    private static final String INSTANCE = "o-1";
    private static final long TOKEN = 41;

    private JdbcWorkflowStore store;
    private CamelContext camel;
    private ProducerTemplate producer;
    private ScheduledExecutorService scheduler;
    private MockEndpoint backend;
    private OutboxRelay relay;
    private final LockGrant grant = new LockGrant(INSTANCE, "/locks/o-1/lock-1", TOKEN, 7);

    @BeforeEach
    void setUp() throws Exception {
        store = RingFixture.h2Store(RingFixture.memUrl(), 1024);
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
        backend = camel.getEndpoint("mock:backend", MockEndpoint.class);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        relay = new OutboxRelay(store, producer, scheduler, Duration.ofSeconds(60), id -> { });
        // A committed transition of this node (token 41) with one outbox row, not yet sent.
        store.appendEvent(new NewEvent(INSTANCE, "order", "e1", bytes("created 1")));
        assertThat(store.claim(INSTANCE, TOKEN, "n1")).isTrue();
        store.commit(new Transition(INSTANCE, TOKEN, InstanceStatus.ACTIVE, bytes("CREATED"),
                List.of(store.pendingEvents(INSTANCE).get(0).seq()),
                List.of(new OutboxMessage("mock:backend", Map.of(), bytes("invoice")))));
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        producer.close();
        camel.stop();
        store.close();
    }

    @Test
    void aFreshCommitProofSendsWithTheIdempotencyKeyAndTheGrantsToken() {
        relay.relay(grant, () -> true, System.nanoTime());

        assertThat(backend.getExchanges()).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY)).isEqualTo(INSTANCE + ":1");
            assertThat(e.getMessage().getHeader(WorkflowRingHeaders.FENCE)).isEqualTo(TOKEN);
        });
        assertThat(store.unsentOutbox(INSTANCE)).isEmpty();
    }

    @Test
    void aNodePausedSinceItsCommitReadsTheTokenAgainAndSendsNothingForAnInstanceTakenOver() {
        long commitProof = System.nanoTime() - Duration.ofSeconds(14).toNanos(); // SIGSTOP for 14 s after the commit
        assertThat(store.claim(INSTANCE, TOKEN + 1, "n2")).isTrue();               // meanwhile n2 took the instance

        relay.relay(grant, () -> true, commitProof);

        assertThat(backend.getReceivedCounter()).isZero();
        assertThat(store.unsentOutbox(INSTANCE)).hasSize(1); // n2 sends it, under its own token
    }

    @Test
    void aNodePausedSinceItsCommitStillSendsWhenTheTokenIsStillItsOwn() {
        relay.relay(grant, () -> true, System.nanoTime() - Duration.ofSeconds(14).toNanos());

        assertThat(backend.getReceivedCounter()).isEqualTo(1);
        assertThat(store.unsentOutbox(INSTANCE)).isEmpty();
    }

    @Test
    void withoutACommitProofTheRelayReadsTheTokenBeforeSending() {
        assertThat(store.claim(INSTANCE, TOKEN + 1, "n2")).isTrue();

        relay.relay(grant, () -> true, OutboxRelay.NOT_VERIFIED);

        assertThat(backend.getReceivedCounter()).isZero();
    }

    @Test
    void aGrantNoLongerHeldSendsNothing() {
        relay.relay(grant, () -> false, System.nanoTime());

        assertThat(backend.getReceivedCounter()).isZero();
        assertThat(store.unsentOutbox(INSTANCE)).hasSize(1);
    }

    @Test
    void rowsSentOnOneFreshProofAreMarkedTogetherWithoutReadingTheTokenAgain() {
        commitTwoMoreRows();
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        relay = new OutboxRelay(counting(store, calls, null), producer, scheduler, Duration.ofSeconds(60), id -> { });

        relay.relay(grant, () -> true, System.nanoTime());

        assertThat(backend.getExchanges()).extracting(e -> e.getMessage().getHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY))
                .containsExactly(INSTANCE + ":1", INSTANCE + ":2", INSTANCE + ":3");
        assertThat(calls).containsEntry("markSent", 1).doesNotContainKey("findInstance");
        assertThat(store.unsentOutbox(INSTANCE)).isEmpty();
    }

    @Test
    void whatWentOutBeforeAFailedTokenReadIsMarkedSentAndNotSentAgain() throws Exception {
        commitTwoMoreRows();
        // The first send outlasts the proof, so the second needs a read, and the database fails it.
        backend.whenExchangeReceived(1, e -> Thread.sleep(OutboxRelay.MAX_CHECK_AGE.toMillis() + 100));
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        relay = new OutboxRelay(counting(store, calls, "findInstance"), producer, scheduler, Duration.ofSeconds(60),
                id -> { });

        assertThatThrownBy(() -> relay.relay(grant, () -> true, System.nanoTime())).isInstanceOf(StoreException.class);

        assertThat(backend.getReceivedCounter()).isEqualTo(1);
        assertThat(store.unsentOutbox(INSTANCE)).extracting(OutboxRecord::idempotencyKey)
                .containsExactly(INSTANCE + ":2", INSTANCE + ":3");
    }

    private void commitTwoMoreRows() {
        store.commit(new Transition(INSTANCE, TOKEN, InstanceStatus.ACTIVE, bytes("PAID"), List.of(),
                List.of(new OutboxMessage("mock:backend", Map.of(), bytes("receipt")),
                        new OutboxMessage("mock:backend", Map.of(), bytes("shipping order")))));
    }

    /** {@code store} counting its calls by method name; calls of {@code failing} throw a {@link StoreException}. */
    private static WorkflowStore counting(WorkflowStore store, Map<String, Integer> calls, String failing) {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    if (method.getName().equals(failing)) {
                        throw new StoreException("database unreachable (test)");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
