package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputPlotTest {

    @Test
    void eachTimelineIsAPanelWithBothSeriesAndItsFaultsMarked() {
        Timeline kill = new Timeline("kill9", new long[] {10, 20, 30}, new long[] {5, 0, 40},
                List.of(new Timeline.Fault(1.0, "kill -9 node2")));
        Timeline join = new Timeline("join <3>", new long[] {1}, new long[] {1}, List.of());

        String svg = ThroughputPlot.svg(List.of(kill, join));

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(5); // two series per panel
        assertThat(svg).contains(">kill9<", ">kill -9 node2<", ">join &lt;3&gt;<");
        assertThat(svg.split("stroke=\"#d62728\"", -1)).hasSize(2); // one fault line
    }

    @Test
    void axesEndAtANiceNumber() {
        assertThat(ThroughputPlot.niceCeiling(0)).isEqualTo(1);
        assertThat(ThroughputPlot.niceCeiling(3)).isEqualTo(5);
        assertThat(ThroughputPlot.niceCeiling(40)).isEqualTo(50);
        assertThat(ThroughputPlot.niceCeiling(120)).isEqualTo(200);
    }

    @Test
    void nothingToPlotIsAnError() {
        assertThatThrownBy(() -> ThroughputPlot.svg(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
