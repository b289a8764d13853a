package org.workflowring.store.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes outbox headers as one text column: {@code name=value} lines sorted by name, with {@code \}, {@code =},
 * line feed and carriage return escaped by a backslash.
 *
 * <p>An empty map is stored as {@code null}, because Oracle stores an empty string as {@code NULL} anyway.
 */
public final class HeaderCodec {

    private HeaderCodec() {
    }

    /** The column text of {@code headers}, {@code null} when there are none. */
    public static String encode(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(headers).forEach((name, value) -> {
            if (text.length() > 0) {
                text.append('\n');
            }
            escape(name, text);
            text.append('=');
            escape(value, text);
        });
        return text.toString();
    }

    /** The headers stored as {@code text}; {@code null} gives an empty map. */
    public static Map<String, String> decode(String text) {
        Map<String, String> headers = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return Collections.unmodifiableMap(headers);
        }
        StringBuilder name = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = name;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                current.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else if (c == '=' && current == name) {
                current = value;
            } else if (c == '\n') {
                headers.put(name.toString(), value.toString());
                name.setLength(0);
                value.setLength(0);
                current = name;
            } else {
                current.append(c);
            }
        }
        headers.put(name.toString(), value.toString());
        return Collections.unmodifiableMap(headers);
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '=' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
