package org.workflowring.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowring.ring.HashRange;
import org.workflowring.ring.Ring;

/**
 * Recovery and relay scans find exactly the instances and outbox rows of the given hash ranges, wrapping ranges and
 * range edges included; the aged recovery scan leaves out instances whose pending events are all younger than asked.
 */
abstract class RecoveryScanContract extends StoreFixture {

    private static final int INSTANCES = 60;

    /** Instance ids sorted by ring hash, so that ranges can be cut at real hashes. */
    private List<String> byHash;

    @BeforeEach
    void storeInstances() {
        // Odd instances keep a pending event; even ones have it processed and leave one unsent outbox message.
        for (int i = 0; i < INSTANCES; i++) {
            String id = "wf-" + i;
            store.appendEvent(event(id, "start"));
            if (i % 2 == 0) {
                store.claim(id, 1, "node-a");
                store.commit(transition(id, 1, "done", List.of(1L), 1));
            }
        }
        byHash = IntStream.range(0, INSTANCES).mapToObj(i -> "wf-" + i)
                .sorted(Comparator.comparingLong(Ring::hashOf)).toList();
    }

    private long hash(int rank) {
        return Ring.hashOf(byHash.get(rank));
    }

    private List<String> expected(List<HashRange> ranges, int parity) {
        List<String> ids = new ArrayList<>();
        for (HashRange range : ranges) {
            byHash.stream()
                    .filter(id -> Integer.parseInt(id.substring(3)) % 2 == parity)
                    .filter(id -> range.contains(Ring.hashOf(id)) && !ids.contains(id))
                    .sorted(Comparator.comparing((String id) -> Ring.hashOf(id) < range.start())
                            .thenComparingLong(Ring::hashOf))
                    .forEach(ids::add);
        }
        return ids;
    }

    @Test
    void pendingInstancesOfAPlainRangeIncludeItsStartAndExcludeItsEnd() {
        List<HashRange> ranges = List.of(new HashRange(hash(11), hash(31)));
        assertThat(store.pendingInstances(ranges)).containsExactlyElementsOf(expected(ranges, 1)).isNotEmpty();
        assertThat(store.pendingInstances(List.of(new HashRange(hash(11), hash(11) + 1))))
                .containsExactlyElementsOf(expected(List.of(new HashRange(hash(11), hash(11) + 1)), 1));
    }

    @Test
    void pendingInstancesOfAWrappingRangeComeFromBothEndsOfTheRing() {
        List<HashRange> ranges = List.of(new HashRange(hash(45), hash(9)));
        List<String> found = store.pendingInstances(ranges);

        assertThat(found).containsExactlyElementsOf(expected(ranges, 1));
        assertThat(found).anyMatch(id -> Ring.hashOf(id) >= hash(45)).anyMatch(id -> Ring.hashOf(id) < hash(9));
    }

    @Test
    void pendingInstancesOfSeveralRangesAreEachFoundOnce() {
        List<HashRange> ranges = List.of(new HashRange(hash(50), Long.MIN_VALUE), new HashRange(hash(2), hash(20)),
                new HashRange(hash(15), hash(25)));
        assertThat(store.pendingInstances(ranges)).containsExactlyElementsOf(expected(ranges, 1)).doesNotHaveDuplicates();
    }

    @Test
    void theWholeRingFindsEveryPendingInstanceAndNoOther() {
        List<String> found = store.pendingInstances(List.of(HashRange.FULL));
        assertThat(found).hasSize(INSTANCES / 2).containsExactlyElementsOf(expected(List.of(HashRange.FULL), 1));
        assertThat(store.pendingInstances(List.of())).isEmpty();
    }

    @Test
    void aYoungPendingEventIsNotReturnedByTheAgedScanAndAnOldOneIs() {
        clock.advance(Duration.ofSeconds(60));
        store.appendEvent(event("young", "e1"));
        List<HashRange> plain = List.of(new HashRange(hash(11), hash(31)));
        List<String> oldPending = expected(List.of(HashRange.FULL), 1);

        // Appended 60 s ago: old enough for 30 s, too young for 90 s; "young" was appended just now.
        assertThat(store.pendingInstances(List.of(HashRange.FULL), Duration.ofSeconds(30)))
                .containsExactlyElementsOf(oldPending).doesNotContain("young");
        assertThat(store.pendingInstances(plain, Duration.ofSeconds(30))).containsExactlyElementsOf(expected(plain, 1));
        assertThat(store.pendingInstances(List.of(HashRange.FULL), Duration.ofSeconds(90))).isEmpty();
        assertThat(store.pendingInstances(List.of(HashRange.FULL), Duration.ZERO)).contains("young")
                .hasSize(oldPending.size() + 1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(store.pendingInstances(List.of(HashRange.FULL), Duration.ofSeconds(30))).contains("young");
    }

    @Test
    void anInstanceWithAnOldAndAYoungPendingEventIsReturnedOnceByTheAgedScan() {
        clock.advance(Duration.ofSeconds(60));
        store.appendEvent(event("wf-1", "later"));

        assertThat(store.pendingInstances(List.of(HashRange.FULL), Duration.ofSeconds(30)))
                .containsOnlyOnce("wf-1").hasSize(INSTANCES / 2);
        assertThatThrownBy(() -> store.pendingInstances(List.of(HashRange.FULL), Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be negative");
    }

    @Test
    void unsentOutboxOfRangesFindsExactlyTheRowsInThemUpToTheLimit() {
        List<HashRange> ranges = List.of(new HashRange(hash(40), hash(12)));
        List<String> expected = expected(ranges, 0).stream().map(id -> id + ":1").toList();

        assertThat(store.unsentOutbox(ranges, 1000)).extracting(OutboxRecord::idempotencyKey)
                .containsExactlyElementsOf(expected);
        assertThat(store.unsentOutbox(ranges, 3)).extracting(OutboxRecord::idempotencyKey)
                .containsExactlyElementsOf(expected.subList(0, 3));
    }

    @Test
    void sentMessagesAndProcessedEventsLeaveTheScans() {
        String even = byHash.stream().filter(id -> Integer.parseInt(id.substring(3)) % 2 == 0).findFirst()
                .orElseThrow();
        store.markSent(even + ":1");
        store.claim("wf-1", 1, "node-a");
        store.commit(transition("wf-1", 1, "done", List.of(1L), 0));

        assertThat(store.unsentOutbox(List.of(HashRange.FULL), 1000)).hasSize(INSTANCES / 2 - 1)
                .noneMatch(row -> row.instanceId().equals(even));
        assertThat(store.pendingInstances(List.of(HashRange.FULL))).hasSize(INSTANCES / 2 - 1).doesNotContain("wf-1");
    }
}
