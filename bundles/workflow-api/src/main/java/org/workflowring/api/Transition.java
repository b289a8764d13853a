package org.workflowring.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Workflow} decided for one event: the instance's new state, the messages to send, and whether the
 * instance is finished.
 *
 * <p>Build one with {@link #to(byte[])} or {@link #to(String)}, then {@link #send(OutgoingMessage)} and
 * {@link #finish()}; each returns a new transition.
 *
 * <p><b>IMPORTANT</b>: the state array is not copied; do not change it after handing it over.
 *
 * @param state    the new state, never {@code null}
 * @param messages the messages to send, in order
 * @param finished whether the instance is finished (it takes no more events)
 */
public record Transition(byte[] state, List<OutgoingMessage> messages, boolean finished) {

    /** Rejects {@code null} messages. */
    public Transition {
        state = state == null ? new byte[0] : state;
        messages = List.copyOf(Objects.requireNonNull(messages, "messages must not be null"));
    }

    /** Moves to {@code newState}, sending nothing. */
    public static Transition to(byte[] newState) {
        return new Transition(newState, List.of(), false);
    }

    /** Moves to the UTF-8 encoding of {@code newState}, sending nothing. */
    public static Transition to(String newState) {
        return to(Objects.requireNonNull(newState, "newState must not be null").getBytes(StandardCharsets.UTF_8));
    }

    /** This transition with one more message, sent after the ones already in it. */
    public Transition send(OutgoingMessage message) {
        List<OutgoingMessage> more = new ArrayList<>(messages);
        more.add(Objects.requireNonNull(message, "message must not be null"));
        return new Transition(state, more, finished);
    }

    /** This transition, ending the instance. */
    public Transition finish() {
        return new Transition(state, messages, true);
    }
}
