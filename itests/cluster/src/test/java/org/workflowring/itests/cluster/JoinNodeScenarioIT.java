package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JoinNodeScenarioIT {

    @Test
    void aNodeJoiningUnderLoadTakesItsShareWithoutWaitingForTimeoutsAndNothingIsLostOrDoubled() throws Exception {
        try (Scenario s = new Scenario("join", 2, 0)) {
            KarafNode joiner = s.cluster.bootWithoutJoining("node3");
            s.loadAQuarter();
            s.mark(joiner.id() + " joins");
            s.cluster.join(joiner);
            String zooKeeper = s.cluster.zooKeeper().connectString();
            long registeredMillis = RingMembers.joinedAtMillis(zooKeeper, ClusterNodeSetup.RING, joiner.id()).orElseThrow();
            // The node registers JOINING when its engine starts and publishes ACTIVE (joins the ring) once its routes
            // listen: the handoff starts at ACTIVE, as a drain's starts at DRAINING.
            long activeMillis = RingMembers.awaitActiveSinceMillis(zooKeeper, ClusterNodeSetup.RING, joiner.id(),
                    Duration.ofSeconds(30));
            InvariantReport report = s.finishAndCheck();
            // A planned handoff waits for the old holder's event in hand and its sends: every key exactly once.
            assertThat(report.delivery().redelivered()).isEmpty();
            FaultTimes.Moves moves = FaultTimes.handoff(s.calls(), joiner.id(), activeMillis * 1000).orElseThrow();
            Scenario.LOG.warn("join of {}: JOINING registered to ACTIVE {} ms; ACTIVE to first run of a moved instance {}",
                    joiner.id(), activeMillis - registeredMillis, moves);
            assertThat(moves.firstMillis()).isLessThan(1000.0);
        }
    }
}
