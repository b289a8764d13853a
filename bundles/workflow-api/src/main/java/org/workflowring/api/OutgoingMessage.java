package org.workflowring.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A message a transition wants sent to a backend endpoint; the engine relays it after the transition committed.
 *
 * <p>The engine adds the header {@code WorkflowIdempotencyKey} ({@code instanceId:seq}), the same on every
 * delivery attempt, so that the backend can drop duplicates.
 *
 * <p><b>IMPORTANT</b>: the body array is not copied; do not change it after handing it over.
 *
 * @param target  the Camel endpoint URI to send to, e.g. {@code jms:queue:billing}
 * @param headers message headers, sorted by name; names not blank, values not {@code null}
 * @param body    the message body, never {@code null}
 */
public record OutgoingMessage(String target, Map<String, String> headers, byte[] body) {

    /** Rejects a blank target, blank header names and {@code null} header values. */
    public OutgoingMessage {
        Objects.requireNonNull(target, "target must not be null");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("header names of a message to " + target + " must not be blank");
                }
                sorted.put(name, Objects.requireNonNull(value, "value of header '" + name + "' must not be null"));
            });
        }
        headers = Collections.unmodifiableMap(sorted);
        body = body == null ? new byte[0] : body;
    }

    /** A message with a UTF-8 text body and no headers. */
    public static OutgoingMessage of(String target, String body) {
        return new OutgoingMessage(target, Map.of(), Objects.requireNonNull(body, "body must not be null")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The same message with one more header. */
    public OutgoingMessage withHeader(String name, String value) {
        TreeMap<String, String> more = new TreeMap<>(headers);
        more.put(name, value);
        return new OutgoingMessage(target, more, body);
    }
}
