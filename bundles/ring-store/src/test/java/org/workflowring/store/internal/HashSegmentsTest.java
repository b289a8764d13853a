package org.workflowring.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.workflowring.ring.HashRange;
import org.workflowring.store.internal.HashSegments.Segment;

class HashSegmentsTest {

    @Test
    void aPlainRangeIsOneSegment() {
        assertThat(HashSegments.of(List.of(new HashRange(-5, 7)))).containsExactly(new Segment(-5, 7, false));
    }

    @Test
    void aWrappingRangeIsTheTopSegmentThenTheBottomOne() {
        assertThat(HashSegments.of(List.of(new HashRange(100, -100))))
                .containsExactly(new Segment(100, 0, true), new Segment(Long.MIN_VALUE, -100, false));
    }

    @Test
    void aRangeEndingAtTheBottomOfTheRingIsOnlyTheTopSegment() {
        assertThat(HashSegments.of(List.of(new HashRange(100, Long.MIN_VALUE))))
                .containsExactly(new Segment(100, 0, true));
    }

    @Test
    void theWholeRingIsOneSegmentToTheTop() {
        assertThat(HashSegments.of(List.of(HashRange.FULL, new HashRange(3, 3))))
                .containsExactly(new Segment(Long.MIN_VALUE, 0, true), new Segment(Long.MIN_VALUE, 0, true));
    }

    @Test
    void segmentsContainExactlyTheHashesOfTheirRange() {
        Random random = new Random(42);
        long[] probes = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int i = 0; i < 2000; i++) {
            HashRange range = new HashRange(random.nextLong(), random.nextInt(4) == 0 ? Long.MIN_VALUE : random.nextLong());
            List<Segment> segments = HashSegments.of(List.of(range));
            for (long hash : concat(probes, range.start(), range.end(), range.end() - 1, random.nextLong())) {
                boolean inSegments = segments.stream().anyMatch(s -> s.contains(hash));
                assertThat(inSegments).as("%s in %s", hash, range).isEqualTo(range.contains(hash));
            }
        }
    }

    private static long[] concat(long[] fixed, long... more) {
        long[] all = java.util.Arrays.copyOf(fixed, fixed.length + more.length);
        System.arraycopy(more, 0, all, fixed.length, more.length);
        return all;
    }
}
