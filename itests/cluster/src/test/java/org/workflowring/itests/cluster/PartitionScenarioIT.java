package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PartitionScenarioIT {

    @Test
    void aNodeCutOffFromZooKeeperStopsItselfIsTakenOverAndRejoinsAfterHealing() throws Exception {
        try (Scenario s = new Scenario("partition", 3, 0).loadAQuarter()) {
            KarafNode victim = s.cluster.node("node2");
            long fault = s.mark("partition " + victim.id());
            s.cluster.proxy(victim.id()).partition();
            Waits.sleep(Duration.ofMillis(s.cluster.settings().sessionTimeout() * 2L + 2000));
            s.mark("heal");
            s.cluster.proxy(victim.id()).heal();
            InvariantReport report = s.finishAndCheck();
            // Self-fencing: a partitioned node stops starting work on SUSPENDED, before its session expires.
            assertThat(report.calls().fencedOverlaps()).isEmpty();
            FaultTimes.Moves moves = FaultTimes.takeover(s.calls(), victim.id(), fault).orElseThrow();
            Scenario.LOG.warn("partition of {}: to takeover {}", victim.id(), moves);
            assertThat(moves.firstMillis()).isLessThanOrEqualTo(s.takeoverBoundMillis());
        }
    }
}
