package org.workflowring.itests.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class InfrastructureFaultScenarioIT {

    @Test
    void theZooKeeperLeaderKilledUnderLoadLosesAndDoublesNothing() throws Exception {
        try (Scenario s = new Scenario("zk-leader", 3, 0).loadAQuarter()) {
            int leader = s.cluster.zooKeeper().leader().orElseThrow();
            s.mark("kill -9 ZooKeeper leader");
            s.cluster.zooKeeper().kill9(leader);
            s.cluster.zooKeeper().awaitQuorum(Duration.ofSeconds(60));
            s.mark("quorum; old leader restarts");
            s.cluster.zooKeeper().restart(leader);
            s.finishAndCheck();
        }
    }

    @Test
    void theDatabaseServerRestartedUnderLoadLosesAndDoublesNothing() throws Exception {
        try (Scenario s = new Scenario("db-restart", 3, 0).loadAQuarter()) {
            s.mark("H2 server restart");
            s.cluster.database().restart();
            s.finishAndCheck();
        }
    }

    @Test
    void badEventsMixedIntoTheLoadAreDeadAndEverythingElseIsProcessedOnce() throws Exception {
        try (Scenario s = new Scenario("bad-events", 3, 50).loadAQuarter()) {
            s.finishAndCheck(); // the check expects exactly one DEAD event per bad event generated
        }
    }
}
