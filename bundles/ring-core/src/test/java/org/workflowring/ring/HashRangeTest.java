package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HashRangeTest {

    @Test
    void aPlainRangeIsHalfOpen() {
        HashRange range = new HashRange(-10, 10);
        assertThat(range.wraps()).isFalse();
        assertThat(range.contains(-10)).isTrue();
        assertThat(range.contains(9)).isTrue();
        assertThat(range.contains(10)).isFalse();
        assertThat(range.contains(-11)).isFalse();
    }

    @Test
    void aWrappingRangeCoversBothEndsOfTheHashSpace() {
        HashRange range = new HashRange(100, -100);
        assertThat(range.wraps()).isTrue();
        assertThat(range.contains(Long.MAX_VALUE)).isTrue();
        assertThat(range.contains(Long.MIN_VALUE)).isTrue();
        assertThat(range.contains(100)).isTrue();
        assertThat(range.contains(-100)).isFalse();
        assertThat(range.contains(0)).isFalse();
    }

    @Test
    void equalEndsMeanTheWholeRing() {
        assertThat(HashRange.FULL.isFull()).isTrue();
        assertThat(HashRange.FULL.contains(0)).isTrue();
        assertThat(HashRange.FULL.contains(Long.MIN_VALUE)).isTrue();
        assertThat(HashRange.FULL.fraction()).isEqualTo(1.0);
    }

    @Test
    void fractionCountsUnsignedDistance() {
        assertThat(new HashRange(Long.MIN_VALUE, 0).fraction()).isCloseTo(0.5, within(1e-12));
        assertThat(new HashRange(0, Long.MIN_VALUE).fraction()).isCloseTo(0.5, within(1e-12));
        assertThat(new HashRange(Long.MAX_VALUE, Long.MIN_VALUE + 1).fraction()).isCloseTo(2 / 0x1p64, within(1e-25));
    }
}
