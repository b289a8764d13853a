package org.workflowring.bench.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workflowring.bench.workflow.CountingStore.Op;
import org.workflowring.zookeeper.ZkTesting;

/**
 * The harness measures what it says, on a few hundred events (CI runs this; the benchmark itself runs on demand).
 * {@link EndToEnd#measure} itself fails a run that loses an event, delivers one twice or leaves one pending.
 */
class EndToEndTest {

    private static TestingServer zk;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = ZkTesting.server(Duration.ofMillis(200));
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
    }

    @Test
    void theProductTakesNoLockGrantAndNoClaimInSteadyState() throws Exception {
        EndToEnd.Result result = EndToEnd.measure(zk, bench -> new HeldLocksRun(bench, 2), 20, 400);

        assertThat(result.grantsInSteadyState()).isZero();
        assertThat(result.steadyStoreCalls().get(Op.CLAIM)).isZero();
        assertThat(result.steadyStoreCalls().get(Op.APPEND)).isEqualTo(400);
        assertThat(result.steadyStoreCalls().get(Op.COMMITTED_EVENTS)).isEqualTo(400);
    }

    @Test
    void theBaselineClaimsAndCommitsOnceForEveryEvent() throws Exception {
        EndToEnd.Result result = EndToEnd.measure(zk, bench -> new LockPerEventRun(bench, 2), 20, 100);

        // A claim needs a grant newer than the stored token: one claim per event means one grant per event.
        assertThat(result.steadyStoreCalls().get(Op.CLAIM)).isEqualTo(100);
        assertThat(result.steadyStoreCalls().get(Op.COMMIT)).isEqualTo(100);
        assertThat(result.steadyStoreCalls().get(Op.COMMITTED_EVENTS)).isEqualTo(100);
    }
}
