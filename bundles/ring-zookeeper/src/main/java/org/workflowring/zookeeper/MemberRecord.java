package org.workflowring.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.workflowring.ring.Member;

/**
 * The data of one member znode: id, weight, advertised forward address and state, stored as a flat JSON object.
 *
 * <p>The JSON is written and parsed here rather than with a library: it is one flat object of strings and one
 * number, and a JSON library would be one more bundle to provision in Karaf.
 *
 * @param id      the node id, the last segment of the member znode path
 * @param weight  the ring weight, at least 1
 * @param address where other nodes forward notifications to (for example {@code http://host:8181/ring}); may be empty
 * @param state   the published lifecycle state
 */
public record MemberRecord(String id, int weight, String address, MemberState state) {

    /** Validates the record. */
    public MemberRecord {
        Objects.requireNonNull(id, "member id must not be null");
        Objects.requireNonNull(address, "address must not be null (use an empty string)");
        Objects.requireNonNull(state, "state must not be null");
        if (id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("member id '" + id + "' must not be blank or contain '/'");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("member '" + id + "' has weight " + weight + "; must be at least 1");
        }
    }

    /** The same member in another state. */
    public MemberRecord withState(MemberState newState) {
        return new MemberRecord(id, weight, address, newState);
    }

    /** The ring-core view of this member. */
    public Member toMember() {
        return new Member(id, weight);
    }

    /** The znode data: UTF-8 JSON. */
    public byte[] toJson() {
        String json = "{\"id\":" + quote(id) + ",\"weight\":" + weight + ",\"address\":" + quote(address)
                + ",\"state\":" + quote(state.name()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses znode data written by {@link #toJson()}; unknown fields are ignored so that newer nodes may add some.
     *
     * @throws IllegalArgumentException when the data is not such an object or misses a field
     */
    public static MemberRecord parse(byte[] data) {
        Objects.requireNonNull(data, "member data must not be null");
        String json = new String(data, StandardCharsets.UTF_8).strip();
        Map<String, String> fields = new HashMap<>();
        int[] pos = {0};
        expect(json, pos, '{');
        skipSpace(json, pos);
        if (peek(json, pos) != '}') {
            do {
                skipSpace(json, pos);
                String key = readString(json, pos);
                skipSpace(json, pos);
                expect(json, pos, ':');
                skipSpace(json, pos);
                fields.put(key, peek(json, pos) == '"' ? readString(json, pos) : readBare(json, pos));
                skipSpace(json, pos);
            } while (tryConsume(json, pos, ','));
        }
        expect(json, pos, '}');
        try {
            return new MemberRecord(require(fields, "id", json), Integer.parseInt(require(fields, "weight", json)),
                    fields.getOrDefault("address", ""), MemberState.valueOf(require(fields, "state", json)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid member data " + json + ": " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> fields, String key, String json) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("member data " + json + " has no '" + key + "'");
        }
        return value;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String readString(String json, int[] pos) {
        expect(json, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next(json, pos);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next(json, pos);
            switch (e) {
                case 'u' -> {
                    if (pos[0] + 4 > json.length()) {
                        throw new IllegalArgumentException("truncated escape in " + json);
                    }
                    b.append((char) Integer.parseInt(json.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                default -> b.append(e);
            }
        }
    }

    private static String readBare(String json, int[] pos) {
        int start = pos[0];
        while (pos[0] < json.length() && ",}".indexOf(json.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        return json.substring(start, pos[0]).strip();
    }

    private static void skipSpace(String json, int[] pos) {
        while (pos[0] < json.length() && Character.isWhitespace(json.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static boolean tryConsume(String json, int[] pos, char c) {
        if (pos[0] < json.length() && json.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }

    private static char peek(String json, int[] pos) {
        return pos[0] < json.length() ? json.charAt(pos[0]) : '\0';
    }

    private static char next(String json, int[] pos) {
        if (pos[0] >= json.length()) {
            throw new IllegalArgumentException("unexpected end of member data " + json);
        }
        return json.charAt(pos[0]++);
    }

    private static void expect(String json, int[] pos, char c) {
        if (next(json, pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (pos[0] - 1) + " in " + json);
        }
    }
}
