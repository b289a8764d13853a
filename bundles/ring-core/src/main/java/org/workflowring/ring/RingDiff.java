package org.workflowring.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The hash ranges that changed owner between two rings: what handoff releases and what recovery scans.
 *
 * <p>Computed exactly from the points of both rings (no sampling): between two consecutive points of their
 * union, each ring has a single owner, so the hash space splits into intervals whose old and new owners are
 * compared and adjacent ones with the same change are joined.
 */
public final class RingDiff {

    private final List<OwnerChange> changes;

    private RingDiff(List<OwnerChange> changes) {
        this.changes = Collections.unmodifiableList(changes);
    }

    /** The owner changes from {@code before} to {@code after}, in ring order. */
    public static RingDiff between(Ring before, Ring after) {
        Objects.requireNonNull(before, "before must not be null");
        Objects.requireNonNull(after, "after must not be null");
        List<OwnerChange> changes = new ArrayList<>();
        if (before.version() == after.version()) {
            return new RingDiff(changes);
        }
        long[] oldPoints = before.points();
        long[] newPoints = after.points();
        int[] oldToNew = memberIndexMapping(before, after);
        long[] boundaries = union(oldPoints, newPoints);
        // Boundaries ascend, so the first point above each one only moves forward: a merge walk, no searches.
        int oldNext = 0;
        int newNext = 0;
        for (int i = 0; i < boundaries.length; i++) {
            long start = boundaries[i];
            while (oldNext < oldPoints.length && oldPoints[oldNext] <= start) {
                oldNext++;
            }
            while (newNext < newPoints.length && newPoints[newNext] <= start) {
                newNext++;
            }
            int oldOwner = before.ownerIndexAt(oldNext == oldPoints.length ? 0 : oldNext);
            int newOwner = after.ownerIndexAt(newNext == newPoints.length ? 0 : newNext);
            if (oldToNew[oldOwner] == newOwner) {
                continue;
            }
            long end = boundaries[i + 1 == boundaries.length ? 0 : i + 1];
            String from = before.memberAt(oldOwner).id();
            String to = after.memberAt(newOwner).id();
            OwnerChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            if (last != null && last.range().end() == start && last.fromId().equals(from) && last.toId().equals(to)) {
                changes.set(changes.size() - 1, new OwnerChange(new HashRange(last.range().start(), end), from, to));
            } else {
                changes.add(new OwnerChange(new HashRange(start, end), from, to));
            }
        }
        coalesceWrap(changes);
        return new RingDiff(changes);
    }

    /** Every owner change, in ring order. */
    public List<OwnerChange> changes() {
        return changes;
    }

    /** Whether no key changed owner. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The ranges {@code memberId} owns after but not before. */
    public List<HashRange> gainedBy(String memberId) {
        List<HashRange> gained = new ArrayList<>();
        for (OwnerChange change : changes) {
            if (change.toId().equals(memberId)) {
                gained.add(change.range());
            }
        }
        return gained;
    }

    /** The ranges {@code memberId} owned before but not after. */
    public List<HashRange> lostBy(String memberId) {
        List<HashRange> lost = new ArrayList<>();
        for (OwnerChange change : changes) {
            if (change.fromId().equals(memberId)) {
                lost.add(change.range());
            }
        }
        return lost;
    }

    /** The fraction of the hash space that changed owner. */
    public double movedFraction() {
        double sum = 0;
        for (OwnerChange change : changes) {
            sum += change.range().fraction();
        }
        return sum;
    }

    private static void coalesceWrap(List<OwnerChange> changes) {
        if (changes.size() > 1) {
            OwnerChange first = changes.get(0);
            OwnerChange last = changes.get(changes.size() - 1);
            if (last.range().end() == first.range().start() && last.fromId().equals(first.fromId())
                    && last.toId().equals(first.toId())) {
                changes.remove(changes.size() - 1);
                changes.set(0, new OwnerChange(new HashRange(last.range().start(), first.range().end()),
                        first.fromId(), first.toId()));
            }
        }
    }

    /** For each member index of {@code before}, the index of the same member id in {@code after}, or -1. */
    private static int[] memberIndexMapping(Ring before, Ring after) {
        int[] mapping = new int[before.size()];
        for (int i = 0; i < mapping.length; i++) {
            mapping[i] = after.indexOf(before.memberAt(i).id());
        }
        return mapping;
    }

    /** The sorted union of two sorted arrays, without duplicates. */
    private static long[] union(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next;
            if (j == b.length || (i < a.length && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (n == 0 || merged[n - 1] != next) {
                merged[n++] = next;
            }
        }
        return n == merged.length ? merged : java.util.Arrays.copyOf(merged, n);
    }

    @Override
    public String toString() {
        return "RingDiff" + changes;
    }
}
