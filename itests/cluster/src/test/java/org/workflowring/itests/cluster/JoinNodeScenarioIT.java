package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinNodeScenarioIT {

    @Test
    void aNodeJoiningUnderLoadTakesItsShareWithoutWaitingForTimeoutsAndNothingIsLostOrDoubled() throws Exception {
        try (Scenario s = new Scenario("join", 2, 0)) {
            KarafNode joiner = s.cluster.bootWithoutJoining("node3");
            s.loadAQuarter();
            s.mark(joiner.id() + " joins");
            s.cluster.join(joiner);
            long joinedMillis = RingMembers.joinedAtMillis(s.cluster.zooKeeper().connectString(),
                    ClusterNodeSetup.RING, joiner.id()).orElseThrow();
            InvariantReport report = s.finishAndCheck();
            // A planned handoff waits for the old holder's event in hand and its sends: every key exactly once.
            assertThat(report.delivery().redelivered()).isEmpty();
            FaultTimes.Moves moves = FaultTimes.handoff(s.calls(), joiner.id(), joinedMillis * 1000).orElseThrow();
            Scenario.LOG.warn("join of {}: member znode to first run of a moved instance {}", joiner.id(), moves);
            assertThat(moves.firstMillis()).isLessThan(1000.0);
        }
    }
}
