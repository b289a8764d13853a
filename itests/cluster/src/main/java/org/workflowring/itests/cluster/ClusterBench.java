package org.workflowring.itests.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The cluster benchmark: events/s and client-to-backend latency of the ring with 1, 2 and 3 Karaf nodes, in forward
 * mode (a load balancer spreads events over the nodes) and filter mode (every node gets every event, as from a
 * topic), against the master-worker design built from the same parts ({@code cluster-dispatch.xml}: the node elected
 * by camel-zookeeper-master receives every event and notifies the owning worker over the network). All in one run on
 * one cluster, the configurations alternated in rounds, so that the ratios compare like with like.
 *
 * <p>{@code java -jar itests/cluster/target/workflow-ring-cluster.jar bench [instances=300] [eventsPerInstance=8]
 * [rounds=2] [senders=12] [latencyRate=60]} from the project root; rows go to standard output and {@code bench.csv}
 * in the run's directory. Each configuration is measured twice: throughput with the senders as fast as the
 * acknowledgements come (saturating), latency with a smaller load (200 instances x 3 events) paced at
 * {@code latencyRate} events/s, below every configuration's capacity (a saturated system's latency is its queue,
 * whichever design it is). Every measurement uses new instances, so each includes their first events' cold lock and
 * claim.
 *
 * <p>Beside speed it reports how the work spreads: the busiest node's share of the Karaf nodes' CPU time during
 * the saturating run (1/n when even; the master's share in master-worker). That share, not the events/s of one
 * shared machine, is what limits a design once each node has cores of its own.
 *
 * <p><b>IMPORTANT</b>: every process (3 ZooKeeper servers, H2, up to 3 Karaf nodes, this harness) shares the same
 * cores; with 2 cores more nodes add overhead, not capacity. The test workflow records every call (two database reads
 * each) for the promise check, which runs after every measurement.
 */
public final class ClusterBench {

    /** How events reach the cluster. */
    enum Mode { FORWARD, FILTER, MASTER }

    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final int LATENCY_INSTANCES = 200;
    private static final int LATENCY_EVENTS = 3;

    private final Cluster cluster;
    private final int senders;
    private final int latencyRate;
    private final List<BenchResult> results = new ArrayList<>();

    private ClusterBench(Cluster cluster, int senders, int latencyRate) {
        this.cluster = cluster;
        this.senders = senders;
        this.latencyRate = latencyRate;
    }

    static void main(String[] args) throws Exception {
        int instances = arg(args, 1, 300);
        int events = arg(args, 2, 8);
        int rounds = arg(args, 3, 2);
        int senders = arg(args, 4, 12);
        int latencyRate = arg(args, 5, 60);
        Path dir = Assembly.projectRoot().resolve("target/cluster-bench/run-" + System.currentTimeMillis());
        ClusterSettings defaults = ClusterSettings.defaults(dir);
        Cluster cluster = new Cluster(defaults);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "bench-cleanup"));
        System.out.printf("cluster benchmark: %d instances x %d events per measurement, %d senders, %d rounds, latency"
                + " at %d events/s; in %s%n", instances, events, senders, rounds, latencyRate, dir);
        cluster.startWithoutJoining();
        ClusterBench bench = new ClusterBench(cluster, senders, latencyRate);
        System.out.println(BenchResult.HEADER);
        for (KarafNode node : cluster.nodes()) {
            bench.grow(node);
            // Warm-up (JIT, connection pools, first locks) on the grown ring, not reported.
            bench.measure(Mode.FORWARD, "warm-" + cluster.liveNodes().size(), instances, events, 0);
            for (int round = 1; round <= rounds; round++) {
                for (Mode mode : Mode.values()) {
                    String name = String.format("%s-%d-%d", mode.name().toLowerCase(Locale.ROOT),
                            cluster.liveNodes().size(), round);
                    BenchResult saturated = bench.measure(mode, name + "-t", instances, events, 0);
                    BenchResult paced = bench.measure(mode, name + "-l", LATENCY_INSTANCES, LATENCY_EVENTS,
                            bench.latencyRate);
                    BenchResult row = BenchResult.combine(saturated, paced);
                    bench.results.add(row);
                    System.out.println(row.row());
                }
            }
        }
        Files.writeString(dir.resolve("bench.csv"), BenchResult.csv(bench.results));
        System.out.println();
        System.out.println(BenchResult.summary(bench.results));
        boolean held = bench.results.stream().allMatch(BenchResult::promiseHeld);
        cluster.close();
        System.exit(held ? 0 : 1);
    }

    /** Joins {@code node} (its routes and the dispatch route) and waits until the ring and a master are there. */
    private void grow(KarafNode node) throws Exception {
        cluster.join(node);
        ClusterNodeSetup.deployDispatch(node);
        int size = cluster.liveNodes().size();
        Waits.until("a ring of " + size + " members", Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> members() == size);
        Waits.until("a master for the dispatch route", Duration.ofSeconds(90), Duration.ofMillis(200),
                () -> !masterUrl().isEmpty());
    }

    private int members() {
        try {
            return RingMembers.members(cluster.zooKeeper().connectString(), ClusterNodeSetup.RING).size();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The dispatch URL of the node that listens on it (the master), if any. */
    private List<String> masterUrl() {
        return cluster.liveNodes().stream().filter(ClusterNodeSetup::dispatching)
                .map(ClusterNodeSetup::dispatchUrl).limit(1).toList();
    }

    /** A load through {@code mode}, paced at {@code rate} events/s (0: saturating). */
    private BenchResult measure(Mode mode, String prefix, int instances, int events, int rate) throws Exception {
        int before = cluster.backend().received();
        Supplier<List<String>> targets = switch (mode) {
            case FORWARD -> cluster::liveEventUrls;
            case FILTER -> () -> cluster.liveUrls(ClusterNodeSetup::topicUrl);
            case MASTER -> cached(this::masterUrl);
        };
        LoadGenerator.Fanout fanout = mode == Mode.FILTER ? LoadGenerator.Fanout.ALL : LoadGenerator.Fanout.ONE;
        Map<String, Duration> cpuBefore = cpuTimes();
        try (LoadGenerator load = new LoadGenerator(prefix, instances, events, 0, senders, targets, fanout).pacedAt(rate)) {
            load.start();
            load.awaitSent(DRAIN);
            Waits.until(prefix + ": every message at the backend", DRAIN, Duration.ofMillis(50),
                    () -> cluster.backend().received() >= before + load.total());
            cluster.awaitDrained(DRAIN);
            List<BackendRecord> mine = cluster.backend().records().stream()
                    .filter(r -> load.generated(r.instanceId())).toList();
            DeliveryCheck.Result delivery = DeliveryCheck.check(mine, load.expected());
            StoreCheck.Result store = StoreCheck.check(cluster.jdbcUrl(), load.expected());
            return BenchResult.of(mode.name().toLowerCase(Locale.ROOT), cluster.liveNodes().size(),
                    load.startedMicros(), load.firstSentMicros(), mine,
                    delivery.holdsExactlyOnce() && store.holds(0))
                    .withBusiestShare(BenchResult.busiestShare(cpuBefore, cpuTimes()));
        }
    }

    /** CPU time used so far by each ring member's Karaf JVM. */
    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new HashMap<>();
        cluster.liveNodes().forEach(n -> times.put(n.id(), n.cpuTime()));
        return times;
    }

    /** {@code source} asked at most every half second: probing the dispatch ports before every send costs too much. */
    private static Supplier<List<String>> cached(Supplier<List<String>> source) {
        return new Supplier<>() {
            private List<String> value = List.of();
            private long asked;

            @Override
            public synchronized List<String> get() {
                long now = System.nanoTime();
                if (value.isEmpty() || now - asked > 500_000_000L) {
                    value = source.get();
                    asked = now;
                }
                return value;
            }
        };
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }
}
