package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingWeightTest {

    @Test
    void aMemberOfWeightTwoOwnsAboutTwiceTheMeanShareOfWeightOneMembers() {
        // Averaged over many member-id sets, so the check is about the weighting, not one lucky layout.
        double ratioSum = 0;
        int rings = 50;
        for (int r = 0; r < rings; r++) {
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                members.add(Member.of("r" + r + "-node-" + i));
            }
            members.add(new Member("r" + r + "-heavy", 2));
            Ring ring = Ring.of(members);
            double light = (1.0 - ring.shareOf("r" + r + "-heavy")) / 9;
            ratioSum += ring.shareOf("r" + r + "-heavy") / light;
        }
        assertThat(ratioSum / rings).isBetween(1.9, 2.1);
    }

    @Test
    void aMemberOfWeightThreeHasThreeTimesTheVirtualNodes() {
        Ring ring = Ring.of(List.of(Member.of("a"), new Member("b", 3)), 10);
        assertThat(ring.pointCount()).isEqualTo(40);
    }
}
