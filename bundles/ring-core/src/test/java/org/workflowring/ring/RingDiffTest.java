package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingDiffTest {

    @Test
    void identicalRingsHaveNoChanges() {
        Ring ring = Ring.of(RingLookupTest.members(3));
        RingDiff diff = RingDiff.between(ring, Ring.of(RingLookupTest.members(3)));
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.movedFraction()).isZero();
    }

    @Test
    void replacingTheOnlyMemberMovesTheWholeRing() {
        RingDiff diff = RingDiff.between(Ring.of(List.of(Member.of("a"))), Ring.of(List.of(Member.of("b"))));
        assertThat(diff.movedFraction()).isCloseTo(1.0, within(1e-9));
        assertThat(diff.gainedBy("b")).isNotEmpty();
        assertThat(diff.lostBy("a")).isNotEmpty();
        assertThat(diff.gainedBy("a")).isEmpty();
    }

    @Test
    void aRangeAcrossTheEndOfTheHashSpaceIsReportedAsOneWrappingRange() {
        // With one point per member, a two-member ring has exactly one range that wraps.
        Ring before = Ring.of(List.of(Member.of("a")), 1);
        Ring after = Ring.of(List.of(Member.of("a"), Member.of("b")), 1);
        RingDiff diff = RingDiff.between(before, after);
        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.fromId()).isEqualTo("a");
            assertThat(c.toId()).isEqualTo("b");
            assertThat(c.range()).isEqualTo(after.rangesOf("b").get(0));
        });
        HashRange ofA = after.rangesOf("a").get(0);
        HashRange ofB = after.rangesOf("b").get(0);
        assertThat(ofA.wraps() ^ ofB.wraps()).as("exactly one of the two ranges wraps").isTrue();
        assertThat(ofA.fraction() + ofB.fraction()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void joinMovesAboutOneOverNPlusOneOfTheKeys() {
        Ring ten = Ring.of(RingLookupTest.members(10));
        Ring eleven = Ring.of(RingLookupTest.members(11));
        assertThat(RingDiff.between(ten, eleven).movedFraction()).isCloseTo(1.0 / 11, within(0.1 / 11));
    }
}
