package org.workflowring.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Many threads, each with its own fencing token, commit transitions for one instance: only the current token's
 * writes land, every stale one is rejected, and no transition is half-written.
 */
abstract class FencingConcurrencyContract extends StoreFixture {

    private static final String ID = "contended";
    private static final int THREADS = 8;

    /** What one commit attempt did: {@code storedToken} is -1 when it landed. */
    record Outcome(int round, String attempt, long token, boolean landed, long storedToken) {
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong tokens = new AtomicLong();

    @Test
    void inEachRoundOnlyTheHighestClaimLandsAndEveryOtherHolderIsFencedOut() throws Exception {
        int rounds = 12;
        store.appendEvent(event(ID, "created"));
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        runThreads(thread -> {
            for (int round = 0; round < rounds; round++) {
                // Phase 1: every thread claims (some claims are refused: a higher token got there first).
                long token = tokens.incrementAndGet();
                store.claim(ID, token, "node-" + thread);
                barrier.await(30, TimeUnit.SECONDS);
                // Phase 2: every thread commits as if it still held the instance, like a paused former owner.
                attempt(round, thread, token);
                barrier.await(30, TimeUnit.SECONDS);
            }
        });

        List<Outcome> all = new ArrayList<>(outcomes);
        assertThat(all).hasSize(rounds * THREADS);
        for (int round = 0; round < rounds; round++) {
            int r = round;
            List<Outcome> inRound = all.stream().filter(o -> o.round() == r).toList();
            long highest = inRound.stream().mapToLong(Outcome::token).max().orElseThrow();
            assertThat(inRound).filteredOn(Outcome::landed).singleElement()
                    .satisfies(o -> assertThat(o.token()).isEqualTo(highest));
            assertThat(inRound).filteredOn(o -> !o.landed()).hasSize(THREADS - 1)
                    .allSatisfy(o -> assertThat(o.storedToken()).isEqualTo(highest));
        }
        assertEveryAttemptWhollyLandedOrWhollyAbsent(all);
    }

    @Test
    void claimsRacingWithCommitsNeverLetAStaleWriteLand() throws Exception {
        int iterations = 15;
        store.appendEvent(event(ID, "created"));
        runThreads(thread -> {
            for (int i = 0; i < iterations; i++) {
                long token = tokens.incrementAndGet();
                store.claim(ID, token, "node-" + thread);
                // Commit even when the claim was refused: a stale holder must be stopped by the database alone.
                attempt(i, thread, token);
            }
        });

        List<Outcome> all = new ArrayList<>(outcomes);
        assertThat(all).hasSize(iterations * THREADS).anyMatch(Outcome::landed);
        assertThat(all).filteredOn(o -> !o.landed())
                .allSatisfy(o -> assertThat(o.storedToken()).isGreaterThan(o.token()));
        // The database serialises commits on the instance row: landed tokens never go down in outbox order.
        List<Long> landedTokens = store.unsentOutbox(ID).stream()
                .map(row -> Long.parseLong(new String(row.payload(), UTF_8).split("@")[1])).toList();
        assertThat(landedTokens).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(store.findInstance(ID).orElseThrow().fence()).isEqualTo(tokens.get());
        assertEveryAttemptWhollyLandedOrWhollyAbsent(all);
    }

    /** Appends the attempt's own event, then commits a transition consuming it with one outbox message. */
    private void attempt(int round, int thread, long token) {
        String attempt = "r" + round + "-t" + thread;
        store.appendEvent(event(ID, attempt));
        long seq = store.pendingEvents(ID).stream().filter(e -> e.eventKey().equals(attempt)).findFirst()
                .orElseThrow().seq();
        byte[] body = (attempt + "@" + token).getBytes(UTF_8);
        try {
            store.commit(new Transition(ID, token, InstanceStatus.ACTIVE, body, List.of(seq),
                    List.of(new OutboxMessage("mock:backend", Map.of("attempt", attempt), body))));
            outcomes.add(new Outcome(round, attempt, token, true, -1));
        } catch (FencedOutException e) {
            assertThat(e.instanceId()).isEqualTo(ID);
            assertThat(e.callerToken()).isEqualTo(token);
            outcomes.add(new Outcome(round, attempt, token, false, e.storedToken()));
        }
    }

    private void assertEveryAttemptWhollyLandedOrWhollyAbsent(List<Outcome> all) {
        List<String> landed = all.stream().filter(Outcome::landed).map(Outcome::attempt).sorted().toList();
        List<String> rejected = all.stream().filter(o -> !o.landed()).map(Outcome::attempt).sorted().toList();
        assertThat(db.query("SELECT headers FROM wf_outbox ORDER BY headers"))
                .containsExactlyElementsOf(landed.stream().map(a -> "attempt=" + a).toList());
        assertThat(db.query("SELECT event_key FROM wf_event WHERE status = 'PROCESSED' ORDER BY event_key"))
                .containsExactlyElementsOf(landed);
        assertThat(db.query("SELECT event_key FROM wf_event WHERE status = 'PENDING' AND event_key <> 'created'"
                + " ORDER BY event_key")).containsExactlyElementsOf(rejected);
        assertThat(db.query("SELECT idempotency_key FROM wf_outbox ORDER BY seq"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, landed.size())
                        .mapToObj(i -> ID + ":" + i).toList());
        // The state is the one written by the last transition that landed.
        String lastOutbox = db.query("SELECT headers FROM wf_outbox ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY").get(0);
        String state = new String(store.findInstance(ID).orElseThrow().state(), UTF_8);
        assertThat("attempt=" + state.split("@")[0]).isEqualTo(lastOutbox);
    }

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private static void runThreads(ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    body.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
