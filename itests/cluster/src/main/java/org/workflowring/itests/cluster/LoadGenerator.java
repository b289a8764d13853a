package org.workflowring.itests.cluster;

import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Feeds events of the test workflow ({@code counter}) into the nodes' event endpoints over HTTP: {@code instances}
 * instances ({@code <prefix>-0}, ...) with payloads 1 to {@code eventsPerInstance} each, plus, if asked, a bad event
 * (payload that is not a number) in every {@code badEvery}-th instance.
 *
 * <p>Each sender thread owns a slice of the instances and sends an instance's next event only after the previous
 * one was acknowledged (HTTP 200: stored), since an instance's events are ordered by arrival. A failed send (node
 * down, paused, not ready) is retried on the next node with the same event key, so a duplicate is a no-op.
 *
 * <p>{@link Fanout#ONE} sends each event to one of the endpoints (a load balancer in front of forward-mode
 * consumers, or a single master); {@link Fanout#ALL} sends it to every endpoint and counts it acknowledged when all
 * answered 200 (a topic in front of filter-mode consumers).
 */
public final class LoadGenerator implements Closeable {

    /** Where each event goes. */
    public enum Fanout { ONE, ALL }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String prefix;
    private final int instances;
    private final int eventsPerInstance;
    private final int badEvery;
    private final Supplier<List<String>> endpoints;
    private final Fanout fanout;
    /** Wall-clock microseconds of each good event's first send, by the idempotency key its message will carry. */
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
    // HTTP/1.1: the default (HTTP/2 with an h2c upgrade attempt) left sends waiting past their timeout.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService senders;
    private final int threads;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Map<Long, AtomicLong> perSecond = new ConcurrentHashMap<>();
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean stopped;
    private volatile long startedMicros;
    /** Nanoseconds between two first sends; 0 sends as fast as the acknowledgements come. */
    private volatile long intervalNanos;
    private final AtomicLong nextSlotNanos = new AtomicLong();

    /**
     * @param endpoints the event URLs of the nodes that are up now (asked before every send, so that the test can
     *                  take nodes out and add new ones)
     */
    public LoadGenerator(String prefix, int instances, int eventsPerInstance, int badEvery, int threads,
            Supplier<List<String>> endpoints) {
        this(prefix, instances, eventsPerInstance, badEvery, threads, endpoints, Fanout.ONE);
    }

    /** A generator sending each event to one endpoint or to all of them ({@code fanout}). */
    public LoadGenerator(String prefix, int instances, int eventsPerInstance, int badEvery, int threads,
            Supplier<List<String>> endpoints, Fanout fanout) {
        if (instances < 1 || eventsPerInstance < 1 || threads < 1) {
            throw new IllegalArgumentException("instances, eventsPerInstance and threads must be >= 1");
        }
        this.prefix = prefix;
        this.instances = instances;
        this.eventsPerInstance = eventsPerInstance;
        this.badEvery = badEvery;
        this.threads = threads;
        this.endpoints = endpoints;
        this.fanout = fanout;
        this.senders = Executors.newFixedThreadPool(threads);
    }

    /**
     * Paces first sends to {@code eventsPerSecond} over all senders (before {@link #start()}), so that a fault
     * scenario runs below the cluster's capacity: under a saturating load the backlog, not the fault, decides when an
     * instance runs next, and takeover times would measure queueing.
     */
    public LoadGenerator pacedAt(int eventsPerSecond) {
        if (eventsPerSecond < 0) {
            throw new IllegalArgumentException("eventsPerSecond must be >= 0 (0: unpaced), got " + eventsPerSecond);
        }
        intervalNanos = eventsPerSecond == 0 ? 0 : 1_000_000_000L / eventsPerSecond;
        return this;
    }

    /** Starts sending in the background. */
    public LoadGenerator start() {
        startedMicros = Clock.micros();
        nextSlotNanos.set(System.nanoTime());
        for (int t = 0; t < threads; t++) {
            int slice = t;
            running.add(senders.submit(() -> {
                sendSlice(slice);
                return null;
            }));
        }
        return this;
    }

    /** Wall-clock microseconds of {@link #start()}; 0 before. */
    public long startedMicros() {
        return startedMicros;
    }

    /** Waits until every event was acknowledged. */
    public void awaitSent(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Future<?> f : running) {
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Events (good and bad) acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    public long total() {
        return (long) instances * eventsPerInstance + badEvents();
    }

    public long retries() {
        return retries.get();
    }

    /** Bad events generated in all: one per {@code badEvery}-th instance. */
    public long badEvents() {
        return badEvery <= 0 ? 0 : (instances + badEvery - 1) / badEvery;
    }

    /** Good events per instance, what the checks expect. */
    public Map<String, Integer> expected() {
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < instances; i++) {
            expected.put(instance(i), eventsPerInstance);
        }
        return expected;
    }

    /** Whether {@code instanceId} is one of this generator's instances. */
    public boolean generated(String instanceId) {
        return instanceId.startsWith(prefix + "-");
    }

    /**
     * Wall-clock microseconds ({@link Clock#micros()}) of each good event's first send attempt, by the idempotency key
     * ({@code instance:n}) of the message the counter workflow sends for it: with the backend's receipt time, the
     * event's latency from the client to the backend.
     */
    public Map<String, Long> firstSentMicros() {
        return Map.copyOf(firstSent);
    }

    /** Acknowledged events per wall-clock second (epoch seconds): the intake rate over time. */
    public Map<Long, Long> acknowledgedPerSecond() {
        Map<Long, Long> copy = new HashMap<>();
        perSecond.forEach((s, n) -> copy.put(s, n.get()));
        return copy;
    }

    @Override
    public void close() {
        stopped = true;
        senders.shutdownNow();
    }

    private void sendSlice(int slice) throws InterruptedException {
        for (int n = 1; n <= eventsPerInstance; n++) {
            for (int i = slice; i < instances; i += threads) {
                send(instance(i), "e" + n, Integer.toString(n));
                // The bad event goes in the middle: the instance must go on after it is dead-lettered.
                if (badEvery > 0 && i % badEvery == 0 && n == (eventsPerInstance + 1) / 2) {
                    send(instance(i), "bad", "not-a-number");
                }
            }
        }
    }

    private String instance(int i) {
        return prefix + "-" + i;
    }

    private void send(String instance, String eventKey, String payload) throws InterruptedException {
        long interval = intervalNanos;
        if (interval > 0) {
            // A slot no earlier than now: senders that fell behind the pace do not catch up in a burst.
            long now = System.nanoTime();
            long slot = nextSlotNanos.getAndAccumulate(now, (next, t) -> Math.max(next, t) + interval);
            long wait = Math.max(slot, now) - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        if (!eventKey.equals("bad")) {
            firstSent.putIfAbsent(instance + ":" + payload, Clock.micros());
        }
        for (int attempt = 0; !stopped; attempt++) {
            List<String> live = endpoints.get();
            if (live.isEmpty()) {
                Thread.sleep(200);
                continue;
            }
            List<String> targets = fanout == Fanout.ALL ? live
                    : List.of(live.get(Math.floorMod(instance.hashCode() + attempt, live.size())));
            if (postToAll(targets, instance, eventKey, payload)) {
                acknowledged.incrementAndGet();
                perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new AtomicLong()).incrementAndGet();
                return;
            }
            retries.incrementAndGet();
            if (fanout == Fanout.ALL || attempt % live.size() == live.size() - 1) {
                Thread.sleep(100); // every node refused: the cluster is changing, back off a little
            }
        }
    }

    /** POSTs the event to every target at once; true when each answered 200 (node down, paused, not ready: false). */
    private boolean postToAll(List<String> targets, String instance, String eventKey, String payload)
            throws InterruptedException {
        List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
        for (String url : targets) {
            pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url))
                    .timeout(REQUEST_TIMEOUT)
                    .header("WorkflowInstanceId", instance)
                    .header("WorkflowEventKey", eventKey)
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build(), HttpResponse.BodyHandlers.discarding()));
        }
        boolean all = true;
        for (CompletableFuture<HttpResponse<Void>> answer : pending) {
            try {
                // A hard bound on top of the request timeout: a paused node must not hold a sender.
                all &= answer.get(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).statusCode() == 200;
            } catch (ExecutionException | TimeoutException e) {
                answer.cancel(true);
                all = false;
            }
        }
        return all;
    }
}
