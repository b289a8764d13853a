package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingValidationTest {

    @Test
    void rejectsAnEmptyMemberSet() {
        assertThatThrownBy(() -> Ring.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one member");
    }

    @Test
    void rejectsDuplicateMemberIdsNamingTheId() {
        assertThatThrownBy(() -> Ring.of(List.of(Member.of("node-a"), new Member("node-a", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate member id 'node-a'");
    }

    @Test
    void rejectsANonPositiveWeightNamingTheMember() {
        assertThatThrownBy(() -> new Member("node-a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'node-a'")
                .hasMessageContaining("at least 1");
    }

    @Test
    void rejectsANullMemberId() {
        assertThatThrownBy(() -> new Member(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("member id");
    }

    @Test
    void rejectsABlankMemberId() {
        assertThatThrownBy(() -> Member.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void rejectsANullMember() {
        assertThatThrownBy(() -> Ring.of(Arrays.asList(Member.of("a"), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null");
    }

    @Test
    void rejectsANonPositiveVirtualNodeCount() {
        assertThatThrownBy(() -> Ring.of(List.of(Member.of("a")), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vnodesPerWeight");
    }

    @Test
    void rejectsARingThatWouldExhaustMemory() {
        assertThatThrownBy(() -> Ring.of(List.of(new Member("a", 1_000_000)), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points");
    }

    @Test
    void rejectsANullInstanceId() {
        Ring ring = Ring.of(List.of(Member.of("a")));
        assertThatThrownBy(() -> ring.ownerOf(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("instance id");
    }
}
