package org.workflowring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TransitionTest {

    @Test
    void builderKeepsMessageOrderAndDoesNotChangeTheOriginal() {
        Transition paid = Transition.to("PAID");
        Transition full = paid.send(OutgoingMessage.of("direct:billing", "invoice"))
                .send(OutgoingMessage.of("direct:warehouse", "pick")).finish();

        assertThat(paid.messages()).isEmpty();
        assertThat(paid.finished()).isFalse();
        assertThat(full.messages()).extracting(OutgoingMessage::target)
                .containsExactly("direct:billing", "direct:warehouse");
        assertThat(full.finished()).isTrue();
        assertThat(new String(full.state(), StandardCharsets.UTF_8)).isEqualTo("PAID");
    }

    @Test
    void nullStateAndBodyBecomeEmpty() {
        assertThat(Transition.to((byte[]) null).state()).isEmpty();
        assertThat(new OutgoingMessage("direct:x", null, null).body()).isEmpty();
    }

    @Test
    void messageHeadersAreSortedAndChecked() {
        OutgoingMessage m = new OutgoingMessage("direct:x", Map.of("b", "2", "a", "1"), null).withHeader("c", "3");
        assertThat(m.headers().keySet()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> new OutgoingMessage(" ", Map.of(), null))
                .hasMessageContaining("target must not be blank");
        assertThatThrownBy(() -> new OutgoingMessage("direct:x", Map.of(" ", "v"), null))
                .hasMessageContaining("header names");
    }

    @Test
    void eventSequenceStartsAtOne() {
        assertThatThrownBy(() -> new WorkflowEvent("i-1", "k", 0, null))
                .hasMessageContaining("sequence numbers start at 1");
        assertThat(new WorkflowEvent("i-1", "k", 1, "hi".getBytes(StandardCharsets.UTF_8)).payloadAsText())
                .isEqualTo("hi");
    }
}
