package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void countsAreBucketedBySecondSinceTheLoadStartedAndFaultsPlacedInBetween() {
        long origin = 100_000_000L; // epoch second 100
        Timeline t = Timeline.of("kill9", origin, Map.of(100L, 5L, 102L, 7L),
                List.of(new BackendRecord("a:1", "n1", 1, "/c", "a:1", 100_500_000L),
                        new BackendRecord("a:2", "n1", 1, "/c", "a:2", 102_100_000L),
                        new BackendRecord("a:3", "n1", 1, "/c", "a:3", 102_900_000L)),
                Map.of(101_250_000L, "kill -9 node2"));

        assertThat(t.acknowledged()).containsExactly(5, 0, 7);
        assertThat(t.delivered()).containsExactly(1, 0, 2);
        assertThat(t.faults()).containsExactly(new Timeline.Fault(1.25, "kill -9 node2"));
    }

    @Test
    void csvReadsBackWhatItWrote() {
        Timeline t = new Timeline("pause", new long[] {3, 4}, new long[] {1, 6},
                List.of(new Timeline.Fault(0.5, "SIGSTOP node2"), new Timeline.Fault(1.75, "SIGCONT")));

        Timeline back = Timeline.fromCsv(t.toCsv());

        assertThat(back.name()).isEqualTo("pause");
        assertThat(back.acknowledged()).containsExactly(3, 4);
        assertThat(back.delivered()).containsExactly(1, 6);
        assertThat(back.faults()).isEqualTo(t.faults());
    }
}
