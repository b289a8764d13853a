package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LongRadixSortTest {

    @Property(tries = 50)
    void sortsLikeArraysSortInSignedOrder(@ForAll @Size(min = 2048, max = 6000) long[] values) {
        long[] expected = values.clone();
        Arrays.sort(expected);
        LongRadixSort.sort(values);
        assertThat(values).containsExactly(expected);
    }

    @Test
    void sortsExtremesAndDuplicates() {
        long[] values = new long[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> -1L;
                case 3 -> 0L;
                default -> i * 0x9E3779B97F4A7C15L;
            };
        }
        long[] expected = values.clone();
        Arrays.sort(expected);
        LongRadixSort.sort(values);
        assertThat(values).containsExactly(expected);
    }
}
