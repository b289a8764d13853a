package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchResultTest {

    private static BackendRecord receipt(String key, long micros) {
        return new BackendRecord(key, "n1", 1, "/counter", key, micros);
    }

    @Test
    void throughputRunsFromTheFirstSendToTheLastReceiptAndLatencyFromEachFirstSendToItsFirstReceipt() {
        Map<String, Long> sent = Map.of("a:1", 1_000_000L, "a:2", 1_100_000L, "b:1", 1_000_000L, "b:2", 1_200_000L);
        List<BackendRecord> receipts = List.of(receipt("a:1", 1_010_000), receipt("b:1", 1_020_000),
                receipt("a:2", 1_130_000), receipt("a:2", 1_900_000), receipt("b:2", 2_000_000));

        BenchResult r = BenchResult.of("forward", 2, 1_000_000, sent, receipts, true);

        assertThat(r.events()).isEqualTo(4); // the duplicate receipt of a:2 is not an event more
        assertThat(r.perSecond()).isEqualTo(4.0); // 4 events from 1.0 s to 2.0 s
        // latencies 10, 20, 30 (a:2's first receipt), 800 ms
        assertThat(r.p50Millis()).isEqualTo(20.0);
        assertThat(r.p99Millis()).isEqualTo(800.0);
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(BenchResult.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(BenchResult.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(BenchResult.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(BenchResult.percentile(new long[0], 0.5)).isZero();
    }

    @Test
    void summaryGivesEachModeAsARatioAgainstMasterAtTheSameNodeCount() {
        List<BenchResult> results = List.of(
                new BenchResult("forward", 3, 100, 900, 10, 40, true, 0.30),
                new BenchResult("forward", 3, 100, 1100, 30, 60, true, 0.40),
                new BenchResult("master", 3, 100, 500, 40, 100, true, 0.80));

        String summary = BenchResult.summary(results);

        // forward: mean 1000/s, p50 20, p99 50, busiest node 35 % against master 500/s, 40, 100, 80 %
        assertThat(summary).contains("| 3 | forward | 1000 | 20.0 | 50.0 | 35% | 2.00x | 2.00x | 2.00x |");
        assertThat(summary).contains("| 3 | master | 500 | 40.0 | 100.0 | 80% | 1.00x | 1.00x | 1.00x |");
    }

    @Test
    void theBusiestShareIsTheLargestCpuTimeOfOneNodeOverAllOfThem() {
        Map<String, Duration> before = Map.of("n1", Duration.ofSeconds(10), "n2", Duration.ofSeconds(4));
        Map<String, Duration> after = Map.of("n1", Duration.ofSeconds(16), "n2", Duration.ofSeconds(6),
                "n3", Duration.ofSeconds(2)); // n3 joined in between: all of its time counts

        assertThat(BenchResult.busiestShare(before, after)).isEqualTo(0.6); // 6 of 6 + 2 + 2
        assertThat(BenchResult.busiestShare(Map.of(), Map.of())).isNaN();
    }
}
