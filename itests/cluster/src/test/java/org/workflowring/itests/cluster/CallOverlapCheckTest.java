package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallOverlapCheckTest {

    @Test
    void callsOfTwoNodesOneAfterTheOtherAreNoOverlap() {
        CallLog log = CallLog.parse(
                "ENTER n1 i-1 1 1 n1 100 w1", "EXIT n1 i-1 1 1 n1 110 w1",
                "ENTER n2 i-1 2 2 n2 120 w1", "EXIT n2 i-1 2 2 n2 130 w1");
        CallOverlapCheck.Result result = CallOverlapCheck.check(log.calls());
        assertThat(result.calls()).isEqualTo(2);
        assertThat(result.violations()).isEmpty();
        assertThat(result.fencedOverlaps()).isEmpty();
        assertThat(result.callsWithoutGrant()).isZero();
    }

    @Test
    void twoCallsHoldingTheGrantAtTheSameTimeAreAViolation() {
        // Two workers of one node inside one instance: both see themselves as owner with the same token.
        CallLog log = CallLog.parse(
                "ENTER n1 i-1 1 3 n1 100 w1", "ENTER n1 i-1 2 3 n1 105 w2",
                "EXIT n1 i-1 1 3 n1 110 w1", "EXIT n1 i-1 2 3 n1 115 w2");
        assertThat(CallOverlapCheck.check(log.calls()).violations()).hasSize(1);
    }

    @Test
    void aPausedNodeStillInsideWhenTheNextOwnerEntersIsAFencedOverlapNotAViolation() {
        // n1 entered with token 1, was stopped, n2 claimed (token 2) and ran; n1 exits seeing n2's grant.
        CallLog log = CallLog.parse(
                "ENTER n1 i-1 5 1 n1 100 w1",
                "ENTER n2 i-1 5 2 n2 5000 w3", "EXIT n2 i-1 5 2 n2 5010 w3",
                "EXIT n1 i-1 5 2 n2 9000 w1");
        CallOverlapCheck.Result result = CallOverlapCheck.check(log.calls());
        assertThat(result.violations()).isEmpty();
        assertThat(result.fencedOverlaps()).hasSize(1);
        assertThat(result.callsWithoutGrant()).isEqualTo(1);
    }

    @Test
    void aCallWithoutExitLastsForeverAndOverlapsEverythingAfterIt() {
        CallLog log = CallLog.parse(
                "ENTER n1 i-1 5 1 n1 100 w1",
                "ENTER n2 i-1 5 2 n2 5000 w3", "EXIT n2 i-1 5 2 n2 5010 w3");
        CallOverlapCheck.Result result = CallOverlapCheck.check(log.calls());
        assertThat(result.fencedOverlaps()).hasSize(1);
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void differentInstancesNeverConflictAndTornLinesAreSkipped() {
        CallLog log = CallLog.parse(
                "ENTER n1 i-1 1 1 n1 100 w1", "ENTER n2 i-2 1 1 n2 101 w1",
                "EXIT n1 i-1 1 1 n1 110 w1", "EXIT n2 i-2 1 1 n2 111 w1", "ENTER n2 i-3 1 1");
        CallOverlapCheck.Result result = CallOverlapCheck.check(log.calls());
        assertThat(result.calls()).isEqualTo(2);
        assertThat(result.violations()).isEmpty();
        assertThat(result.fencedOverlaps()).isEmpty();
    }

    @Test
    void orderViolationsSeenByTheWorkflowAreKept() {
        CallLog log = CallLog.parse("ORDER n1 i-1 2 3 100 w1");
        assertThat(log.orderViolations()).containsExactly("ORDER n1 i-1 2 3 100 w1");
    }
}
