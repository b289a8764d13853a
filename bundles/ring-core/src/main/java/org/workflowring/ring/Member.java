package org.workflowring.ring;

import java.util.Objects;

/**
 * A ring member: a node id and its weight, the number of weight units that decide how many virtual nodes it gets.
 *
 * @param id     the node id, unique in the ring and not blank
 * @param weight the weight, at least 1
 */
public record Member(String id, int weight) implements Comparable<Member> {

    /** Validates the member. */
    public Member {
        Objects.requireNonNull(id, "member id must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("member id must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("member '" + id + "' has weight " + weight + "; the weight must be at least 1");
        }
    }

    /** A member of weight 1. */
    public static Member of(String id) {
        return new Member(id, 1);
    }

    @Override
    public int compareTo(Member other) {
        return id.compareTo(other.id);
    }
}
