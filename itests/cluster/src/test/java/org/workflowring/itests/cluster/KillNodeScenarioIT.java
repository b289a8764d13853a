package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KillNodeScenarioIT {

    @Test
    void aNodeKilledWithSigkillUnderLoadIsTakenOverWithinTheSessionTimeoutAndNothingIsLostOrDoubled() throws Exception {
        try (Scenario s = new Scenario("kill9", 3, 0).loadAQuarter()) {
            KarafNode victim = s.cluster.node("node2");
            long fault = s.mark("kill -9 " + victim.id());
            victim.kill9();
            s.finishAndCheck();
            FaultTimes.Moves moves = FaultTimes.takeover(s.calls(), victim.id(), fault).orElseThrow();
            Scenario.LOG.warn("kill -9 of {}: crash to takeover {} (bound {} ms)", victim.id(), moves,
                    s.takeoverBoundMillis());
            assertThat(moves.firstMillis()).isLessThanOrEqualTo(s.takeoverBoundMillis());
        }
    }
}
