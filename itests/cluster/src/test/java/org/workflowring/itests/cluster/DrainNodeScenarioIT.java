package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DrainNodeScenarioIT {

    private static final Pattern LOCKS_HELD = Pattern.compile("Locks held\\s*\\|\\s*(\\d+)");

    @Test
    void aNodeDrainedWithRingDrainHandsItsInstancesOverWithoutWaitingForTimeoutsAndLeavesLosingNothing() throws Exception {
        try (Scenario s = new Scenario("drain", 3, 0).loadAQuarter()) {
            KarafNode leaver = s.cluster.node("node2");
            leaver.shell("ring:drain");
            // The handoff starts when DRAINING is published (the member znode's mtime), not when the shell client
            // started: bin/client takes a second or two to start and connect.
            long drained = s.markAt(RingMembers.changedAtMillis(s.cluster.zooKeeper().connectString(),
                    ClusterNodeSetup.RING, leaver.id()).orElseThrow() * 1000, "ring:drain " + leaver.id());
            // Handoff done: the leaver holds no lock any more (it released every instance it no longer owns).
            Waits.until(leaver.id() + " holds no lock after ring:drain", Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> locksHeld(leaver) == 0);
            long handedOff = s.mark(leaver.id() + " shuts down");
            s.cluster.leave(leaver);
            InvariantReport report = s.finishAndCheck();
            // A planned handoff waits for the old holder's event in hand and its sends: every key exactly once.
            assertThat(report.delivery().redelivered()).isEmpty();
            // Over every instance the leaver ran, the earliest move times the handoff: release, lock, claim.
            FaultTimes.Moves moves = FaultTimes.takeover(s.calls(), leaver.id(), drained).orElseThrow();
            Scenario.LOG.warn("ring:drain of {}: DRAINING published to no lock held (seen through ring:status) {} ms;"
                    + " DRAINING to first run elsewhere {}",
                    leaver.id(), (handedOff - drained) / 1000, moves);
            assertThat(moves.firstMillis()).isLessThan(1000.0);
        }
    }

    private static int locksHeld(KarafNode node) {
        Matcher m = LOCKS_HELD.matcher(node.shell("ring:status"));
        if (!m.find()) {
            throw new IllegalStateException("ring:status of " + node.id() + " shows no 'Locks held' row");
        }
        return Integer.parseInt(m.group(1));
    }
}
