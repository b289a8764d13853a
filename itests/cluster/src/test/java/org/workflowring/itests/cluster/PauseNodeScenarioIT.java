package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PauseNodeScenarioIT {

    @Test
    void aNodeStoppedPastTheSessionTimeoutIsTakenOverAndAfterSigcontChangesNothingItLost() throws Exception {
        try (Scenario s = new Scenario("pause", 3, 0).loadAQuarter()) {
            KarafNode victim = s.cluster.node("node2");
            long fault = s.mark("SIGSTOP " + victim.id());
            s.cluster.pause(victim);
            Waits.sleep(Duration.ofMillis(s.cluster.settings().sessionTimeout() * 2L + 2000));
            s.mark("SIGCONT");
            s.cluster.resume(victim);
            InvariantReport report = s.finishAndCheck();
            FaultTimes.Moves moves = FaultTimes.takeover(s.calls(), victim.id(), fault).orElseThrow();
            Scenario.LOG.warn("SIGSTOP of {}: stop to takeover {}; {} calls by a node without the grant",
                    victim.id(), moves, report.calls().callsWithoutGrant());
            assertThat(moves.firstMillis()).isLessThanOrEqualTo(s.takeoverBoundMillis());
        }
    }
}
