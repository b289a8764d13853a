package org.workflowring.zookeeper;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.workflowring.ring.HashRange;
import org.workflowring.ring.Ring;
import org.workflowring.ring.RingDiff;

/**
 * One change of the ring view: the ring before and after (empty when no member is {@link MemberState#ACTIVE}),
 * every published member and the ranges that moved.
 *
 * @param before  the previous ring, empty when there was none
 * @param after   the new ring, empty when there is none
 * @param members every registered member by id, whatever its state, as of {@code after}
 */
public record RingChange(Optional<Ring> before, Optional<Ring> after, Map<String, MemberRecord> members) {

    /** Validates and copies. */
    public RingChange {
        Objects.requireNonNull(before, "before must not be null");
        Objects.requireNonNull(after, "after must not be null");
        members = Map.copyOf(Objects.requireNonNull(members, "members must not be null"));
    }

    /** The exact owner changes, when both rings exist. */
    public Optional<RingDiff> diff() {
        return before.isPresent() && after.isPresent()
                ? Optional.of(RingDiff.between(before.get(), after.get()))
                : Optional.empty();
    }

    /** The ranges {@code memberId} owns now but did not before (everything it owns when there was no ring). */
    public List<HashRange> gainedBy(String memberId) {
        Objects.requireNonNull(memberId, "memberId must not be null");
        if (after.isEmpty()) {
            return List.of();
        }
        return before.isEmpty() ? after.get().rangesOf(memberId) : diff().orElseThrow().gainedBy(memberId);
    }

    /** The ranges {@code memberId} owned before but not now (everything it owned when there is no ring now). */
    public List<HashRange> lostBy(String memberId) {
        Objects.requireNonNull(memberId, "memberId must not be null");
        if (before.isEmpty()) {
            return List.of();
        }
        return after.isEmpty() ? before.get().rangesOf(memberId) : diff().orElseThrow().lostBy(memberId);
    }

    /** Whether {@code memberId} owns {@code instanceId} in the new ring. */
    public boolean owns(String memberId, String instanceId) {
        return after.map(r -> r.ownerOf(instanceId).id().equals(memberId)).orElse(false);
    }
}
