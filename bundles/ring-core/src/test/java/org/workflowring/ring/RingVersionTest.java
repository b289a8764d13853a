package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingVersionTest {

    @Test
    void theSameMembersGiveTheSameVersionInAnyOrder() {
        Ring one = Ring.of(List.of(Member.of("a"), Member.of("b"), new Member("c", 2)));
        Ring two = Ring.of(List.of(new Member("c", 2), Member.of("a"), Member.of("b")));
        assertThat(two.version()).isEqualTo(one.version());
        assertThat(two.versionHex()).isEqualTo(one.versionHex()).hasSize(16);
    }

    @Test
    void aChangedWeightChangesTheVersion() {
        Ring one = Ring.of(List.of(Member.of("a"), Member.of("b")));
        Ring two = Ring.of(List.of(Member.of("a"), new Member("b", 2)));
        assertThat(two.version()).isNotEqualTo(one.version());
    }

    @Test
    void aChangedVirtualNodeCountChangesTheVersion() {
        List<Member> members = List.of(Member.of("a"), Member.of("b"));
        assertThat(Ring.of(members, 100).version()).isNotEqualTo(Ring.of(members, 101).version());
    }

    @Test
    void idsContainingSeparatorsCannotForgeAnotherMemberList() {
        Ring joined = Ring.of(List.of(Member.of("a/1:b")));
        Ring split = Ring.of(List.of(Member.of("a"), Member.of("b")));
        assertThat(joined.version()).isNotEqualTo(split.version());
    }

    @Test
    void sameVersionMeansSameOwnerForEveryKey() {
        Ring one = Ring.of(List.of(Member.of("x"), Member.of("y"), Member.of("z")));
        Ring two = Ring.of(List.of(Member.of("z"), Member.of("y"), Member.of("x")));
        for (int i = 0; i < 10_000; i++) {
            assertThat(two.ownerOf("instance-" + i)).isEqualTo(one.ownerOf("instance-" + i));
        }
        assertThat(RingDiff.between(one, two).isEmpty()).isTrue();
    }
}
