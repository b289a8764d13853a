package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of rings under membership change: determinism, minimal movement, and an exact diff. */
class RingMembershipChangeTest {

    private static final int VNODES = 32;

    @Property(tries = 200)
    void theSameMemberSetGivesTheSameRingWhateverTheOrder(@ForAll("memberSets") List<Member> members,
                                                          @ForAll long shuffleSeed) {
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        Ring one = Ring.of(members, VNODES);
        Ring two = Ring.of(shuffled, VNODES);
        assertThat(two.version()).isEqualTo(one.version());
        SplittableRandom keys = new SplittableRandom(shuffleSeed);
        for (int i = 0; i < 1000; i++) {
            long hash = keys.nextLong();
            assertThat(two.ownerOfHash(hash)).isEqualTo(one.ownerOfHash(hash));
        }
    }

    @Property(tries = 200)
    void aJoinMovesKeysOnlyToTheNewMember(@ForAll("memberSets") List<Member> members,
                                          @ForAll("weights") int newWeight, @ForAll long keySeed) {
        Member joiner = new Member("joiner", newWeight);
        List<Member> after = new ArrayList<>(members);
        after.add(joiner);
        Ring before = Ring.of(members, VNODES);
        Ring next = Ring.of(after, VNODES);
        RingDiff diff = RingDiff.between(before, next);
        assertThat(diff.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.toId()).isEqualTo("joiner"));
        assertThat(diff.movedFraction()).isCloseTo(next.shareOf("joiner"), org.assertj.core.api.Assertions.within(1e-9));
        assertNoKeyMovesBetweenStayingMembers(before, next, keySeed);
    }

    @Property(tries = 200)
    void aLeaveMovesKeysOnlyFromTheLeavingMember(@ForAll("memberSets") List<Member> members,
                                                 @ForAll long keySeed) {
        Assume.that(members.size() >= 2);
        Member leaver = members.get(0);
        List<Member> after = members.subList(1, members.size());
        Ring before = Ring.of(members, VNODES);
        Ring next = Ring.of(after, VNODES);
        RingDiff diff = RingDiff.between(before, next);
        assertThat(diff.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.fromId()).isEqualTo(leaver.id()));
        assertThat(diff.lostBy(leaver.id())).hasSameSizeAs(diff.changes());
        assertNoKeyMovesBetweenStayingMembers(before, next, keySeed);
    }

    @Property(tries = 200)
    void theDiffAgreesWithBruteForceLookups(@ForAll("memberSets") List<Member> before,
                                            @ForAll("memberSets") List<Member> after, @ForAll long keySeed) {
        Ring oldRing = Ring.of(before, VNODES);
        Ring newRing = Ring.of(after, VNODES);
        RingDiff diff = RingDiff.between(oldRing, newRing);
        SplittableRandom keys = new SplittableRandom(keySeed);
        for (int i = 0; i < 2000; i++) {
            long hash = i == 0 ? Long.MIN_VALUE : i == 1 ? Long.MAX_VALUE : keys.nextLong();
            String from = oldRing.ownerOfHash(hash).id();
            String to = newRing.ownerOfHash(hash).id();
            List<OwnerChange> containing = diff.changes().stream()
                    .filter(c -> c.range().contains(hash)).collect(Collectors.toList());
            if (from.equals(to)) {
                assertThat(containing).as("hash %d kept by %s", hash, from).isEmpty();
            } else {
                assertThat(containing).as("hash %d moved %s -> %s", hash, from, to)
                        .singleElement()
                        .satisfies(c -> {
                            assertThat(c.fromId()).isEqualTo(from);
                            assertThat(c.toId()).isEqualTo(to);
                        });
            }
        }
    }

    @Property(tries = 100)
    void raisingAWeightNeverShrinksThatMembersShareNorGrowsAnotherOne(@ForAll("memberSets") List<Member> members) {
        Member raised = members.get(0);
        List<Member> heavier = new ArrayList<>(members);
        heavier.set(0, new Member(raised.id(), raised.weight() + 1));
        Ring before = Ring.of(members, VNODES);
        Ring after = Ring.of(heavier, VNODES);
        RingDiff diff = RingDiff.between(before, after);
        assertThat(diff.changes()).allSatisfy(c -> assertThat(c.toId()).isEqualTo(raised.id()));
        assertThat(after.shareOf(raised.id())).isGreaterThanOrEqualTo(before.shareOf(raised.id()));
    }

    private static void assertNoKeyMovesBetweenStayingMembers(Ring before, Ring after, long keySeed) {
        SplittableRandom keys = new SplittableRandom(keySeed);
        for (int i = 0; i < 2000; i++) {
            long hash = keys.nextLong();
            String from = before.ownerOfHash(hash).id();
            String to = after.ownerOfHash(hash).id();
            if (!from.equals(to)) {
                assertThat(after.contains(from) && before.contains(to))
                        .as("hash %d moved between staying members %s -> %s", hash, from, to).isFalse();
            }
        }
    }

    @Provide
    Arbitrary<List<Member>> memberSets() {
        Arbitrary<Member> member = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8),
                        weights())
                .as(Member::new);
        return member.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Member::id);
    }

    @Provide
    Arbitrary<Integer> weights() {
        return Arbitraries.integers().between(1, 4);
    }
}
