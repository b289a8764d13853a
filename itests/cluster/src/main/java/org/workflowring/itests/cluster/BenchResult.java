package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measurement of {@link ClusterBench}: events per second from the first send to the last backend receipt, and
 * the latency of each event from its first send to its message's first receipt at the backend (p50, p99). A
 * reported row {@link #combine combines} a saturating run's throughput with a paced run's latency.
 *
 * @param mode        forward, filter or master
 * @param nodes       ring members
 * @param events      events measured
 * @param perSecond   events per second
 * @param p50Millis   median latency
 * @param p99Millis   99th percentile latency
 * @param promiseHeld every event processed once, every message delivered once and in order
 * @param busiestShare the busiest node's share of the nodes' CPU time during the run (1/n when the work is even)
 */
record BenchResult(String mode, int nodes, int events, double perSecond, double p50Millis, double p99Millis,
        boolean promiseHeld, double busiestShare) {

    static final String HEADER = "| mode | nodes | events | events/s | p50 ms | p99 ms | busiest node's CPU | promise |\n"
            + "|---|---|---|---|---|---|---|---|";

    /**
     * @param startMicros first send, wall clock
     * @param firstSent   first send of each event by its message's idempotency key
     * @param records     the backend's receipts of this measurement's messages
     */
    static BenchResult of(String mode, int nodes, long startMicros, Map<String, Long> firstSent,
            List<BackendRecord> records, boolean promiseHeld) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no backend receipts to measure");
        }
        Set<String> seen = new HashSet<>();
        long last = startMicros;
        List<Long> latencies = new ArrayList<>();
        for (BackendRecord r : records) {
            last = Math.max(last, r.receivedMicros());
            Long sent = firstSent.get(r.idempotencyKey());
            if (seen.add(r.idempotencyKey()) && sent != null) {
                latencies.add(r.receivedMicros() - sent);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = Math.max(1, last - startMicros) / 1e6;
        return new BenchResult(mode, nodes, seen.size(), seen.size() / seconds, percentile(sorted, 0.50) / 1000.0,
                percentile(sorted, 0.99) / 1000.0, promiseHeld, Double.NaN);
    }

    /** This result with the busiest node's CPU share. */
    BenchResult withBusiestShare(double share) {
        return new BenchResult(mode, nodes, events, perSecond, p50Millis, p99Millis, promiseHeld, share);
    }

    /** The largest share of CPU time any node used between {@code before} and {@code after}; NaN without any. */
    static double busiestShare(Map<String, java.time.Duration> before, Map<String, java.time.Duration> after) {
        double total = 0;
        double busiest = 0;
        for (Map.Entry<String, java.time.Duration> e : after.entrySet()) {
            java.time.Duration start = before.getOrDefault(e.getKey(), java.time.Duration.ZERO);
            double used = Math.max(0, e.getValue().minus(start).toNanos());
            total += used;
            busiest = Math.max(busiest, used);
        }
        return total == 0 ? Double.NaN : busiest / total;
    }

    /** Throughput of the saturating run with the latency of the paced run; the promise must have held in both. */
    static BenchResult combine(BenchResult saturated, BenchResult paced) {
        return new BenchResult(saturated.mode, saturated.nodes, saturated.events, saturated.perSecond, paced.p50Millis,
                paced.p99Millis, saturated.promiseHeld && paced.promiseHeld, saturated.busiestShare);
    }

    /** The value at quantile {@code q} (nearest rank) of ascending {@code sorted}; 0 when empty. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f | %.0f%% | %s |", mode, nodes, events,
                perSecond, p50Millis, p99Millis, busiestShare * 100, promiseHeld ? "held" : "BROKEN");
    }

    static String csv(List<BenchResult> results) {
        StringBuilder out = new StringBuilder("mode,nodes,events,events_per_s,p50_ms,p99_ms,busiest_cpu_share,promise_held\n");
        for (BenchResult r : results) {
            out.append(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.2f,%.2f,%.3f,%s%n", r.mode, r.nodes, r.events,
                    r.perSecond, r.p50Millis, r.p99Millis, r.busiestShare, r.promiseHeld));
        }
        return out.toString();
    }

    /**
     * Means per mode and node count, and for each node count the ring's modes as ratios against master:
     * throughput ring/master (higher is better), latency master/ring (higher is better for the ring).
     */
    static String summary(List<BenchResult> results) {
        Map<Integer, Map<String, List<BenchResult>>> byNodes = results.stream().collect(Collectors.groupingBy(
                BenchResult::nodes, TreeMap::new, Collectors.groupingBy(BenchResult::mode)));
        StringBuilder out = new StringBuilder(
                "| nodes | mode | events/s (mean) | p50 ms | p99 ms | busiest node's CPU | throughput vs master | p50 master/ring"
                        + " | p99 master/ring |\n|---|---|---|---|---|---|---|---|---|\n");
        byNodes.forEach((nodes, byMode) -> {
            double[] master = means(byMode.getOrDefault("master", List.of()));
            for (String mode : List.of("forward", "filter", "master")) {
                double[] m = means(byMode.getOrDefault(mode, List.of()));
                if (Double.isNaN(m[0])) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.1f | %.0f%% | %.2fx | %.2fx | %.2fx |%n",
                        nodes, mode, m[0], m[1], m[2], m[3] * 100, m[0] / master[0], master[1] / m[1], master[2] / m[2]));
            }
        });
        return out.toString();
    }

    /** Mean events/s, p50, p99 and busiest CPU share of {@code rows}; NaN when there are none. */
    private static double[] means(List<BenchResult> rows) {
        double[] sum = new double[4];
        for (BenchResult r : rows) {
            sum[0] += r.perSecond;
            sum[1] += r.p50Millis;
            sum[2] += r.p99Millis;
            sum[3] += r.busiestShare;
        }
        return Arrays.stream(sum).map(v -> rows.isEmpty() ? Double.NaN : v / rows.size()).toArray();
    }
}
