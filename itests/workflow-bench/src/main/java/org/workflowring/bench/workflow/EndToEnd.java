package org.workflowring.bench.workflow;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.sun.management.OperatingSystemMXBean;
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
    /**
     * CPU time of the whole JVM: on a shared machine it moves far less with other people's load than wall-clock
     * time does, so the ratio of CPU per event is the steadier comparison.
     */
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What one run measured; rates in events per second. */
    record Result(String name, int instances, double firstTouchRate, double steadyRate, double steadyCpuMicros,
                  long grantsInSteadyState, Map<CountingStore.Op, Long> steadyStoreCalls) {
    }

    /** Events per second of wall-clock time and microseconds of this JVM's CPU time per event (ZooKeeper included). */
    private record Rate(double perSecond, double cpuMicrosPerEvent) {
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
            measure(zk, b -> new LockPerEventRun(b, WORKER_THREADS), 200, 3_000);
            for (int instances : instanceCounts) {
                for (int r = 1; r <= repeats; r++) {
                    String load = loadAverage();
                    Result held = measure(zk, b -> new HeldLocksRun(b, WORKER_THREADS), instances, events);
                    Result base = measure(zk, b -> new LockPerEventRun(b, WORKER_THREADS), instances,
                            Math.max(instances, baselineEvents));
                    System.out.printf("RESULT instances=%d load[%s -> %s] steady: held %,.0f /s, lock-per-event %,.0f /s,"
                                    + " ratio %.1fx; CPU/event held %,.0f us, lock-per-event %,.0f us, ratio %.1fx"
                                    + " | first touch: held %,.0f /s, lock-per-event %,.0f /s%n",
                            instances, load, loadAverage(), held.steadyRate(), base.steadyRate(),
                            held.steadyRate() / base.steadyRate(), held.steadyCpuMicros(), base.steadyCpuMicros(),
                            base.steadyCpuMicros() / held.steadyCpuMicros(), held.firstTouchRate(), base.firstTouchRate());
                }
            }
        }
    }

    /**
     * One run on a fresh node: first touch, then {@code steadyEvents} events over {@code instances} instances; fails
     * when an event is lost, delivered twice or left pending.
     */
    static Result measure(TestingServer zk, Function<BenchNode, EngineRun> engine, int instances, long steadyEvents)
            throws Exception {
        try (BenchNode bench = new BenchNode(zk); EngineRun run = engine.apply(bench)) {
            run.start();
            Rate firstTouch = phase(run, instances, 0, instances);
            Map<String, Long> before = tokens(bench);
            Map<CountingStore.Op, Long> opsBefore = bench.store.counts();
            Rate steady = phase(run, instances, instances, instances + steadyEvents);
            long grants = newGrants(before, tokens(bench));
            Map<CountingStore.Op, Long> opsAfter = bench.store.counts();
            String perEvent = perEvent(opsBefore, opsAfter, steadyEvents);
            Map<CountingStore.Op, Long> steadyCalls = new EnumMap<>(CountingStore.Op.class);
            opsAfter.forEach((op, n) -> steadyCalls.put(op, n - opsBefore.get(op)));
            int pending = bench.store.pendingInstances(List.of(HashRange.FULL)).size();
            if (run.backend().duplicates() > 0 || pending > 0) {
                throw new IllegalStateException(run.name() + ": " + run.backend().duplicates()
                        + " duplicate deliveries, " + pending + " instances with pending events");
            }
            Result result = new Result(run.name(), instances, firstTouch.perSecond(), steady.perSecond(),
                    steady.cpuMicrosPerEvent(), grants, steadyCalls);
            System.out.printf("  %-14s %,6d instances: first touch %,7d events %,8.0f /s | steady %,8d events %,8.0f /s"
                            + " %,6.0f us CPU/event | new lock grants in steady state: %s%n", run.name(), instances,
                    instances, firstTouch.perSecond(), steadyEvents, steady.perSecond(), steady.cpuMicrosPerEvent(),
                    run instanceof HeldLocksRun ? grants : "every event");
            System.out.println("    store calls per steady event: " + perEvent);
            return result;
        }
    }

    /** Feeds events {@code from..to} and waits until the backend has them all. */
    private static Rate phase(EngineRun run, int instances, long from, long to) throws Exception {
        long expected = run.backend().delivered() + (to - from);
        long cpu = CPU.getProcessCpuTime();
        long start = System.nanoTime();
        Feeders.feed(run.producer(), instances, from, to);
        if (!run.backend().awaitDelivered(expected, PHASE_TIMEOUT)) {
            throw new IllegalStateException(run.name() + ": only " + run.backend().delivered() + " of " + expected
                    + " delivered after " + PHASE_TIMEOUT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rate((to - from) / seconds, (CPU.getProcessCpuTime() - cpu) / 1e3 / (to - from));
    }

    /** Store calls per event between two snapshots, and events per commit. */
    private static String perEvent(Map<CountingStore.Op, Long> before, Map<CountingStore.Op, Long> after, long events) {
        StringBuilder text = new StringBuilder();
        for (CountingStore.Op op : CountingStore.Op.values()) {
            long n = after.get(op) - before.get(op);
            if (n > 0 && op != CountingStore.Op.COMMITTED_EVENTS) {
                text.append(String.format("%s %.2f ", op.name().toLowerCase(java.util.Locale.ROOT), (double) n / events));
            }
        }
        long commits = after.get(CountingStore.Op.COMMIT) - before.get(CountingStore.Op.COMMIT);
        long committed = after.get(CountingStore.Op.COMMITTED_EVENTS) - before.get(CountingStore.Op.COMMITTED_EVENTS);
        return text.append(String.format("| events per commit %.1f", commits == 0 ? 0.0 : (double) committed / commits))
                .toString();
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
