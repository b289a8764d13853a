package org.workflowring.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * A message for a backend endpoint, written by a transition and delivered later by the outbox relay.
 *
 * <p><b>IMPORTANT</b>: the payload array is not copied; do not change it after handing it over.
 *
 * @param target  the Camel endpoint URI to send to
 * @param headers message headers, kept sorted by name; names must not be blank
 * @param payload the message body; {@code null} is stored as empty
 */
public record OutboxMessage(String target, Map<String, String> headers, byte[] payload) {

    /** The longest target URI the schema stores. */
    public static final int MAX_TARGET_CHARS = 1000;

    /** Rejects a missing target, blank header names and {@code null} header values. */
    public OutboxMessage {
        Checks.name(target, "outbox target", MAX_TARGET_CHARS);
        TreeMap<String, String> sorted = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> sorted.put(Checks.name(name, "outbox header name", MAX_TARGET_CHARS),
                    Checks.present(value, "value of outbox header '" + name + "'")));
        }
        headers = java.util.Collections.unmodifiableMap(sorted);
        payload = payload == null ? new byte[0] : payload;
    }

    /** A message without headers. */
    public static OutboxMessage of(String target, byte[] payload) {
        return new OutboxMessage(target, Map.of(), payload);
    }
}
