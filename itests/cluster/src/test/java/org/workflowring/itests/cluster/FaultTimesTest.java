package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultTimesTest {

    @Test
    void takeoverIsTheTimeFromTheFaultToTheFirstCallOfAnotherNodeOnTheVictimsInstances() {
        CallLog log = CallLog.parse(
                "ENTER n1 d 1 1 n1 1000000 w", "EXIT n1 d 1 1 n1 1000100 w",
                "ENTER n1 a 1 1 n1 9000000 w", "EXIT n1 a 1 1 n1 9000100 w",
                "ENTER n1 b 1 1 n1 9500000 w", "EXIT n1 b 1 1 n1 9500100 w",
                "ENTER n2 c 1 1 n2 9600000 w", "EXIT n2 c 1 1 n2 9600100 w",
                // fault at 10 s; n3 takes d (run long before the fault) at 12 s, n2 a at 13.2 s, n3 b at 14 s;
                // c was n2's all along
                "ENTER n3 d 2 2 n3 12000000 w", "EXIT n3 d 2 2 n3 12000100 w",
                "ENTER n2 a 2 2 n2 13200000 w", "EXIT n2 a 2 2 n2 13200100 w",
                "ENTER n3 b 2 2 n3 14000000 w", "EXIT n3 b 2 2 n3 14000100 w",
                "ENTER n2 c 2 1 n2 14100000 w", "EXIT n2 c 2 1 n2 14100100 w");
        FaultTimes.Moves moves = FaultTimes.takeover(log.calls(), "n1", 10_000_000).orElseThrow();
        assertThat(moves.instances()).isEqualTo(3);
        assertThat(moves.firstMillis()).isEqualTo(2000.0);
        assertThat(moves.lastMillis()).isEqualTo(4000.0);
    }

    @Test
    void handoffIsTheTimeFromTheJoinToTheJoinersFirstCallOnAnInstanceOthersRan() {
        CallLog log = CallLog.parse(
                "ENTER n1 a 1 1 n1 1000000 w", "EXIT n1 a 1 1 n1 1000100 w",
                "ENTER n4 a 2 2 n4 2300000 w", "EXIT n4 a 2 2 n4 2300100 w",
                "ENTER n4 z 1 1 n4 2400000 w", "EXIT n4 z 1 1 n4 2400100 w");
        FaultTimes.Moves moves = FaultTimes.handoff(log.calls(), "n4", 2_000_000).orElseThrow();
        assertThat(moves.instances()).isEqualTo(1);
        assertThat(moves.firstMillis()).isEqualTo(300.0);
    }

    @Test
    void noMoveIsEmpty() {
        assertThat(FaultTimes.takeover(CallLog.parse().calls(), "n1", 0)).isEmpty();
    }
}
