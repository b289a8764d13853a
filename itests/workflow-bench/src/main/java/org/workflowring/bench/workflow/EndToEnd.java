package org.workflowring.bench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.curator.test.TestingServer;
import org.workflowring.ring.HashRange;
import org.workflowring.zookeeper.ZkTesting;

/**
 * End to end on one node, embedded H2 and an in-process ZooKeeper: the product ({@link HeldLocksRun}) against a
 * lock-per-event engine built from the same parts ({@link LockPerEventRun}), in the same JVM and ZooKeeper, one
 * fresh ring and database per run.
 *
 * <p>Each run has two phases: <em>first touch</em> sends one event per instance (every lock is taken cold and every
 * instance claimed: that is warm-up), then <em>steady state</em> sends the measured events round-robin over the
 * instances. The steady phase of the product must take no new lock grant (checked from the held grants' tokens),
 * and every run must deliver each event exactly once with nothing left pending, or the benchmark fails.
 */
final class EndToEnd {

    static final int WORKER_THREADS = 4;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    /** What one run measured; rates in events per second. */
    record Result(String name, int instances, long firstTouchEvents, double firstTouchRate, long steadyEvents,
                  double steadyRate, long grantsInSteadyState) {
    }

    private EndToEnd() {
    }

    /**
     * For each instance count, {@code repeats} pairs of product ({@code events} steady events) and baseline
     * ({@code baselineEvents}), after a JIT warm-up pair that is not reported.
     */
    static void run(int events, int baselineEvents, List<Integer> instanceCounts, int repeats) throws Exception {
        try (TestingServer zk = ZkTesting.server(Duration.ofMillis(200))) {
            System.out.println("JIT warm-up (not reported) ...");
            measure(zk, b -> new HeldLocksRun(b, WORKER_THREADS), 200, 20_000);
            measure(zk, b -> new LockPerEventRun(b, WORKER_THREADS), 200, 1_000);
            for (int instances : instanceCounts) {
                for (int r = 1; r <= repeats; r++) {
                    String load = loadAverage();
                    Result held = measure(zk, b -> new HeldLocksRun(b, WORKER_THREADS), instances, events);
                    Result base = measure(zk, b -> new LockPerEventRun(b, WORKER_THREADS), instances,
                            Math.max(instances, baselineEvents));
                    System.out.printf("RESULT instances=%d load[%s] steady: held %,.0f /s, lock-per-event %,.0f /s,"
                                    + " ratio %.1fx | first touch: held %,.0f /s, lock-per-event %,.0f /s%n",
                            instances, load, held.steadyRate(), base.steadyRate(), held.steadyRate() / base.steadyRate(),
                            held.firstTouchRate(), base.firstTouchRate());
                }
            }
        }
    }

    static Result measure(TestingServer zk, Function<BenchNode, EngineRun> engine, int instances, long steadyEvents)
            throws Exception {
        try (BenchNode bench = new BenchNode(zk); EngineRun run = engine.apply(bench)) {
            run.start();
            double firstTouch = phase(run, instances, 0, instances);
            Map<String, Long> before = tokens(bench);
            double steady = phase(run, instances, instances, instances + steadyEvents);
            long grants = newGrants(before, tokens(bench));
            int pending = bench.store.pendingInstances(List.of(HashRange.FULL)).size();
            if (run.backend().duplicates() > 0 || pending > 0) {
                throw new IllegalStateException(run.name() + ": " + run.backend().duplicates()
                        + " duplicate deliveries, " + pending + " instances with pending events");
            }
            Result result = new Result(run.name(), instances, instances, firstTouch, steadyEvents, steady, grants);
            System.out.printf("  %-14s %,6d instances: first touch %,7d events %,8.0f /s | steady %,8d events %,8.0f /s"
                            + " | new lock grants in steady state: %s%n", run.name(), instances, instances, firstTouch,
                    steadyEvents, steady, run instanceof HeldLocksRun ? grants : "every event");
            return result;
        }
    }

    /** Feeds events {@code from..to} and waits until the backend has them all; events per second. */
    private static double phase(EngineRun run, int instances, long from, long to) throws Exception {
        long expected = run.backend().delivered() + (to - from);
        long start = System.nanoTime();
        Feeders.feed(run.producer(), instances, from, to);
        if (!run.backend().awaitDelivered(expected, PHASE_TIMEOUT)) {
            throw new IllegalStateException(run.name() + ": only " + run.backend().delivered() + " of " + expected
                    + " delivered after " + PHASE_TIMEOUT);
        }
        return (to - from) / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Long> tokens(BenchNode bench) {
        Map<String, Long> tokens = new HashMap<>();
        for (String id : bench.node.locks().heldInstances()) {
            bench.node.locks().grant(id).ifPresent(g -> tokens.put(id, g.token()));
        }
        return tokens;
    }

    /** Grants held after that were not held before, or held with another token (released and taken again). */
    private static long newGrants(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so every number carries its load. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
