package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RingLookupTest {

    private final Ring ring = Ring.of(members(5), 64);

    @Test
    void aHashBelowTheFirstPointBelongsToTheFirstPoint() {
        long[] points = ring.points();
        Member first = ring.memberAt(ring.ownerIndexAt(0));
        assertThat(ring.ownerOfHash(Long.MIN_VALUE)).isEqualTo(first);
        assertThat(ring.ownerOfHash(points[0] - 1)).isEqualTo(first);
    }

    @Test
    void aPointItselfBelongsToTheNextPoint() {
        long[] points = ring.points();
        assertThat(ring.ownerOfHash(points[0])).isEqualTo(ring.memberAt(ring.ownerIndexAt(1)));
    }

    @Test
    void aHashAtOrAboveTheLastPointWrapsToTheFirstPoint() {
        long[] points = ring.points();
        Member first = ring.memberAt(ring.ownerIndexAt(0));
        assertThat(ring.ownerOfHash(points[points.length - 1])).isEqualTo(first);
        assertThat(ring.ownerOfHash(Long.MAX_VALUE)).isEqualTo(first);
    }

    @Test
    void lookupAgreesWithATreeMapRingOverTheSamePoints() {
        TreeMap<Long, Member> reference = new TreeMap<>();
        long[] points = ring.points();
        for (int i = 0; i < points.length; i++) {
            reference.put(points[i], ring.memberAt(ring.ownerIndexAt(i)));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            long hash = random.nextLong();
            Map.Entry<Long, Member> higher = reference.higherEntry(hash);
            Member expected = higher == null ? reference.firstEntry().getValue() : higher.getValue();
            assertThat(ring.ownerOfHash(hash)).isEqualTo(expected);
        }
    }

    @Test
    void lookupByInstanceIdUsesTheStoredHash() {
        for (int i = 0; i < 1000; i++) {
            String id = "order-" + i;
            assertThat(ring.ownerOf(id)).isEqualTo(ring.ownerOfHash(Ring.hashOf(id)));
            assertThat(ring.owns(ring.ownerOf(id).id(), Ring.hashOf(id))).isTrue();
        }
    }

    @Test
    void aSingleMemberWithOneVirtualNodeOwnsEverything() {
        Ring single = Ring.of(List.of(Member.of("only")), 1);
        assertThat(single.ownerOfHash(Long.MIN_VALUE).id()).isEqualTo("only");
        assertThat(single.ownerOfHash(Long.MAX_VALUE).id()).isEqualTo("only");
        assertThat(single.shareOf("only")).isEqualTo(1.0);
        assertThat(single.rangesOf("only")).singleElement().satisfies(r -> assertThat(r.isFull()).isTrue());
    }

    @Test
    void rangesOfAMemberContainExactlyTheHashesItOwns() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            long hash = random.nextLong();
            for (Member m : ring.members()) {
                boolean inRanges = ring.rangesOf(m.id()).stream().anyMatch(r -> r.contains(hash));
                assertThat(inRanges).isEqualTo(ring.ownerOfHash(hash).equals(m));
            }
        }
    }

    @Test
    void sharesAddUpToOneAndMatchTheRanges() {
        double sum = 0;
        for (Member m : ring.members()) {
            double share = ring.shareOf(m.id());
            double fromRanges = ring.rangesOf(m.id()).stream().mapToDouble(HashRange::fraction).sum();
            assertThat(share).isCloseTo(fromRanges, within(1e-9));
            sum += share;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(ring.shareOf("not-a-member")).isZero();
    }

    @Test
    void lookupAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 10_000; i++) {
            sink += ring.ownerOfHash(i * 0x9E3779B97F4A7C15L).weight();
            sink += ring.ownerOf("warm-up").weight();
        }
        String id = "123e4567-e89b-12d3-a456-426614174000";
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += ring.ownerOfHash(i * 0x9E3779B97F4A7C15L).weight();
            sink += ring.ownerOf(id).weight();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        // A few hundred bytes of slack for the measurement itself; one allocation per lookup would be megabytes.
        assertThat(allocated).isLessThan(1024);
    }

    static List<Member> members(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Member.of("node-" + i));
        }
        return members;
    }
}
