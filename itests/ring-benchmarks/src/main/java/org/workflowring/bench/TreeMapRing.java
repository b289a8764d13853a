package org.workflowring.bench;

import java.util.Map;
import java.util.TreeMap;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/** The textbook consistent-hash ring, a baseline: one {@link TreeMap} entry per virtual node, ceiling lookup. */
final class TreeMapRing {

    private final TreeMap<Long, Member> points = new TreeMap<>();

    TreeMapRing(Iterable<Member> members, int vnodesPerWeight) {
        for (Member m : members) {
            for (int v = 0; v < m.weight() * vnodesPerWeight; v++) {
                points.put(Ring.hashOf(m.id() + "#" + v), m);
            }
        }
    }

    Member ownerOfHash(long hash) {
        Map.Entry<Long, Member> entry = points.ceilingEntry(hash);
        return entry != null ? entry.getValue() : points.firstEntry().getValue();
    }
}
