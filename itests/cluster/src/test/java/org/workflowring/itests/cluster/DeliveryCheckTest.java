package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeliveryCheckTest {

    @Test
    void everyMessageOnceInOrderHolds() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:1", "n1", "a:1"), msg("b:1", "n2", "b:1"), msg("a:2", "n1", "a:2")), Map.of("a", 2, "b", 1));
        assertThat(r.holds()).isTrue();
        assertThat(r.messages()).isEqualTo(3);
    }

    @Test
    void aKeyReceivedTwiceIsReportedWithBothSenders() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:1", "n1", "a:1"), msg("a:1", "n2", "a:1")), Map.of("a", 1));
        assertThat(r.duplicateKeys()).containsExactly("a:1 from [n1, n2]");
        assertThat(r.missing()).isEmpty();
        assertThat(r.holds()).isFalse();
    }

    @Test
    void aMissingMessageAndAnOutOfOrderInstanceAreReported() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:2", "n1", "a:2"), msg("a:1", "n1", "a:1"), msg("b:1", "n1", "b:1")), Map.of("a", 2, "b", 2));
        assertThat(r.outOfOrder()).containsExactly("a: [2, 1]");
        assertThat(r.missing()).containsExactly("b: 1 of 2");
    }

    @Test
    void aMessageForAnInstanceNeverGeneratedIsUnexpected() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(msg("z:1", "n1", "z:1")), Map.of());
        assertThat(r.unexpected()).containsExactly("z:1");
    }

    private static BackendRecord msg(String key, String node, String body) {
        return new BackendRecord(key, node, "/counter", body, 0);
    }
}
