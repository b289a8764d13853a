package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FenceWatermarkTest {

    private final FenceWatermark marks = new FenceWatermark();

    @Test
    void aLowerTokenAfterAHigherOneOfTheSameInstanceIsRefused() {
        assertThat(marks.admit("i", 5)).isTrue();
        assertThat(marks.admit("i", 9)).isTrue();
        assertThat(marks.admit("i", 5)).isFalse();
    }

    @Test
    void theSameTokenAgainAndOtherInstancesAreAdmitted() {
        assertThat(marks.admit("i", 9)).isTrue();
        assertThat(marks.admit("i", 9)).isTrue();
        assertThat(marks.admit("j", 1)).isTrue();
    }

    @Test
    void aMessageWithoutTokenIsAdmittedAndLeavesTheMarkAlone() {
        assertThat(marks.admit("i", 9)).isTrue();
        assertThat(marks.admit("i", -1)).isTrue();
        assertThat(marks.admit("i", 8)).isFalse();
    }
}
