package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault scenario's frame: a fresh cluster under load; the test injects its fault once a quarter of the load is
 * in; then the load finishes, the cluster drains and the promise is checked.
 */
final class Scenario implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger(Scenario.class);
    static final Duration DRAIN = Duration.ofMinutes(5);

    static final int INSTANCES = Integer.getInteger("cluster.instances", 2_000);
    static final int EVENTS_PER_INSTANCE = Integer.getInteger("cluster.eventsPerInstance", 5);
    /** Events per second offered, below what 3 nodes on 2 shared cores process (see docs/cluster.md). */
    static final int RATE = Integer.getInteger("cluster.rate", 150);

    final String name;
    final Cluster cluster;
    final LoadGenerator load;
    private final Map<Long, String> faults = new ConcurrentHashMap<>();

    Scenario(String name, int nodes, int badEvery) throws Exception {
        this.name = name;
        // A fresh directory per run: nodes, call files and the database of an earlier run must not count.
        ClusterSettings defaults = ClusterSettings.defaults(Path.of("target/cluster", name + "-" + System.currentTimeMillis()));
        this.cluster = new Cluster(new ClusterSettings(defaults.dir(), nodes, defaults.zooKeeperTick(),
                defaults.sessionTimeout()));
        this.load = new LoadGenerator(name, INSTANCES, EVENTS_PER_INSTANCE, badEvery, 6, cluster::liveEventUrls)
                .pacedAt(RATE);
        try {
            cluster.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the load and returns once a quarter of it is acknowledged and the cluster keeps up with it (less than
     * half a second of events waiting): the first quarter is every instance's first event, whose cold lock and claim
     * build a backlog, and a fault injected into a backlog would time the queue, not the takeover.
     */
    Scenario loadAQuarter() {
        load.start();
        Waits.until("a quarter of the load in and the cluster keeping up", DRAIN, Duration.ofMillis(200),
                () -> load.acknowledged() >= load.total() / 4 && backlog() <= RATE / 2);
        return this;
    }

    private long backlog() {
        try {
            return StoreCheck.backlog(cluster.jdbcUrl());
        } catch (java.sql.SQLException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Notes a fault moment (now) for the throughput timeline; returns it in wall-clock microseconds. */
    long mark(String fault) {
        return markAt(Clock.micros(), fault);
    }

    /** Notes a fault moment that happened at {@code micros} (wall clock); returns it. */
    long markAt(long micros, String fault) {
        faults.put(micros, fault);
        return micros;
    }

    /**
     * Waits for the rest of the load and for the cluster to process it, writes the throughput timeline
     * ({@code timeline.csv}, {@code throughput.svg} in the run's directory), then checks the promise.
     */
    InvariantReport finishAndCheck() throws Exception {
        load.awaitSent(DRAIN);
        cluster.awaitDrained(DRAIN);
        Timeline timeline = Timeline.of(name, load.startedMicros(), load.acknowledgedPerSecond(),
                cluster.backend().records(), faults);
        Files.writeString(cluster.settings().dir().resolve("timeline.csv"), timeline.toCsv());
        Files.writeString(cluster.settings().dir().resolve("throughput.svg"), ThroughputPlot.svg(List.of(timeline)));
        InvariantReport report = cluster.check(load);
        LOG.warn("{}: {} events ({} retries of sends); {}", name, load.total(), load.retries(), report.summary());
        report.delivery().redelivered().forEach(k -> LOG.warn("{}: redelivered by the next holder: {}", name, k));
        report.refusedAsStale().forEach(k -> LOG.warn("{}: refused by the backend as stale: {}", name, k));
        assertThat(report.violations()).isEmpty();
        return report;
    }

    List<WorkflowCall> calls() {
        return CallLog.read(cluster.nodes().stream().map(KarafNode::callFile).toList()).calls();
    }

    /** The takeover bound of DESIGN.md section 7: session timeout + one tick + 0.5 s. */
    long takeoverBoundMillis() {
        return cluster.settings().sessionTimeout() + cluster.settings().zooKeeperTick() + 500L;
    }

    @Override
    public void close() {
        load.close();
        cluster.close();
    }
}
