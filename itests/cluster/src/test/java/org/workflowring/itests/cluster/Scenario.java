package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    final String name;
    final Cluster cluster;
    final LoadGenerator load;

    Scenario(String name, int nodes, int badEvery) throws Exception {
        this.name = name;
        // A fresh directory per run: nodes, call files and the database of an earlier run must not count.
        ClusterSettings defaults = ClusterSettings.defaults(Path.of("target/cluster", name + "-" + System.currentTimeMillis()));
        this.cluster = new Cluster(new ClusterSettings(defaults.dir(), nodes, defaults.zooKeeperTick(),
                defaults.sessionTimeout()));
        this.load = new LoadGenerator(name, INSTANCES, EVENTS_PER_INSTANCE, badEvery, 6, cluster::liveEventUrls);
        try {
            cluster.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Starts the load and returns once a quarter of it is acknowledged. */
    Scenario loadAQuarter() {
        load.start();
        Waits.until("a quarter of the load in", DRAIN, Duration.ofMillis(100),
                () -> load.acknowledged() >= load.total() / 4);
        return this;
    }

    /** Waits for the rest of the load and for the cluster to process it, then checks the promise. */
    InvariantReport finishAndCheck() throws Exception {
        load.awaitSent(DRAIN);
        cluster.awaitDrained(DRAIN);
        InvariantReport report = cluster.check(load);
        LOG.warn("{}: {} events ({} retries of sends); {}", name, load.total(), load.retries(), report.summary());
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
