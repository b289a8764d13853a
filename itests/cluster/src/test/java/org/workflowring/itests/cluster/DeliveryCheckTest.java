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
        assertThat(r.holdsExactlyOnce()).isTrue();
    }

    @Test
    void aKeyReceivedTwiceUnderOneTokenIsReportedWithBothSenders() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:1", "n1", 5, "a:1"), msg("a:1", "n1", 5, "a:1")), Map.of("a", 1));
        assertThat(r.duplicateKeys()).containsExactly("a:1 from [n1@5, n1@5]");
        assertThat(r.redelivered()).isEmpty();
        assertThat(r.missing()).isEmpty();
        assertThat(r.holds()).isFalse();
    }

    @Test
    void aKeySentAgainByTheNextHolderIsARedeliveryNotAViolation() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:1", "n1", 5, "a:1"), msg("a:1", "n2", 9, "a:1"), msg("a:2", "n2", 9, "a:2")), Map.of("a", 2));
        assertThat(r.redelivered()).containsExactly("a:1 from [n1@5, n2@9]");
        assertThat(r.duplicateKeys()).isEmpty();
        assertThat(r.holds()).isTrue();
        assertThat(r.holdsExactlyOnce()).as("a run without a fault allows no copy at all").isFalse();
    }

    @Test
    void aKeyUnderALowerTokenAfterAHigherOneOrWithoutTokensIsAViolation() {
        DeliveryCheck.Result r = DeliveryCheck.check(List.of(
                msg("a:1", "n2", 9, "a:1"), msg("a:1", "n1", 5, "a:1"),
                msg("b:1", "n1", -1, "b:1"), msg("b:1", "n2", -1, "b:1")), Map.of("a", 1, "b", 1));
        assertThat(r.duplicateKeys()).containsExactlyInAnyOrder("a:1 from [n2@9, n1@5]", "b:1 from [n1@-1, n2@-1]");
        assertThat(r.redelivered()).isEmpty();
        assertThat(r.unfenced()).isEqualTo(2);
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
        return msg(key, node, 1, body);
    }

    private static BackendRecord msg(String key, String node, long fence, String body) {
        return new BackendRecord(key, node, fence, "/counter", body, 0);
    }
}
