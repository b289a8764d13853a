package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SendAfterLossCheckTest {

    @Test
    void aHoldersMessagesBeforeTheTakeoverAndTheSuccessorsRedeliveryAreFine() {
        List<BackendRecord> received = List.of(msg("i:1", "n1", 5, 1_000), msg("i:1", "n2", 9, 9_000),
                msg("i:2", "n2", 9, 9_500));
        List<WorkflowCall> calls = CallLog.parse("ENTER n2 i 2 9 n2 8000 w1", "EXIT n2 i 2 9 n2 8100 w1").calls();

        assertThat(SendAfterLossCheck.check(received, calls)).isEmpty();
    }

    @Test
    void aMessageArrivingAfterTheDatabaseShowedTheNextTokenIsFromANodeThatHadLostTheInstance() {
        // n1 resumed from SIGSTOP and sent under 5, after n2's workflow call had read token 9 in the database.
        List<BackendRecord> received = List.of(msg("i:2", "n1", 5, 15_000));
        List<WorkflowCall> calls = CallLog.parse("ENTER n2 i 3 9 n2 8000 w1", "EXIT n2 i 3 9 n2 8100 w1").calls();

        assertThat(SendAfterLossCheck.check(received, calls))
                .containsExactly("i:2 from n1@5 arrived 7.0 ms after token 9 was in force");
    }

    @Test
    void aMessageArrivingAfterOneUnderAHigherTokenIsFromANodeThatHadLostTheInstance() {
        List<BackendRecord> received = List.of(msg("i:1", "n2", 9, 9_000), msg("i:2", "n1", 5, 9_200));

        assertThat(SendAfterLossCheck.check(received, List.of())).hasSize(1).first().asString().startsWith("i:2 from n1@5");
    }

    @Test
    void tokensOfOtherInstancesAndMessagesWithoutATokenAreNoEvidence() {
        List<BackendRecord> received = List.of(msg("j:1", "n2", 9, 9_000), msg("i:1", "n1", 5, 9_200),
                msg("i:2", "n1", -1, 9_300));

        assertThat(SendAfterLossCheck.check(received, List.of())).isEmpty();
    }

    private static BackendRecord msg(String key, String node, long fence, long micros) {
        return new BackendRecord(key, node, fence, "/counter", key, micros);
    }
}
