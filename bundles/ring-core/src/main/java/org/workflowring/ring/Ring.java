package org.workflowring.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable consistent-hash ring snapshot: which member owns which workflow instance.
 *
 * <p>Every member gets {@code weight * vnodesPerWeight} points on a 64-bit circle. A key belongs to the member of
 * the first point strictly greater than the key's hash, wrapping around past the largest point; so the point
 * {@code p[i]} owns the half-open range {@code [p[i-1], p[i])}. The ring is a pure function of the member set and
 * the virtual-node count: every node computes the same ring, whatever order it saw the members in.
 *
 * <p>Lookups are a binary search over a sorted {@code long[]} and allocate nothing; the instance is safe to share
 * between threads and is meant to be swapped atomically when membership changes.
 */
public final class Ring {

    /** Virtual nodes per weight unit unless configured otherwise; chosen by measurement (docs/benchmarks.md). */
    public static final int DEFAULT_VNODES_PER_WEIGHT = 2000;

    /** Seed of the key hash; part of the ring format, never changed. */
    public static final int HASH_SEED = 0x57524E47;

    /** The most members a ring can hold: points are placed with 48 bits, the low 16 bits carry the owner while sorting. */
    public static final int MAX_MEMBERS = 1 << 16;

    /** The most points a ring can hold, to keep a misconfiguration from exhausting the heap. */
    public static final int MAX_POINTS = 1 << 24;

    private static final long OWNER_MASK = MAX_MEMBERS - 1;
    private static final int FORMAT_VERSION = 1;

    private final Member[] members;
    private final long[] points;
    private final int[] owners;
    private final int vnodesPerWeight;
    private final long version;

    private Ring(Member[] members, long[] points, int[] owners, int vnodesPerWeight, long version) {
        this.members = members;
        this.points = points;
        this.owners = owners;
        this.vnodesPerWeight = vnodesPerWeight;
        this.version = version;
    }

    /** Builds a ring with {@link #DEFAULT_VNODES_PER_WEIGHT} virtual nodes per weight unit. */
    public static Ring of(Collection<Member> members) {
        return of(members, DEFAULT_VNODES_PER_WEIGHT);
    }

    /**
     * Builds a ring.
     *
     * @throws IllegalArgumentException when the member set is empty, holds a null or a duplicate id, has more
     *                                  than {@link #MAX_MEMBERS} members, or would exceed {@link #MAX_POINTS}
     */
    public static Ring of(Collection<Member> members, int vnodesPerWeight) {
        Objects.requireNonNull(members, "members must not be null");
        if (vnodesPerWeight < 1) {
            throw new IllegalArgumentException("vnodesPerWeight must be at least 1, was " + vnodesPerWeight);
        }
        Member[] sorted = sortedUnique(members);
        long pointCount = 0;
        for (Member m : sorted) {
            pointCount += (long) m.weight() * vnodesPerWeight;
        }
        if (pointCount > MAX_POINTS) {
            throw new IllegalArgumentException("ring would have " + pointCount + " points, more than " + MAX_POINTS
                    + "; lower the weights or vnodesPerWeight");
        }
        long[] points = new long[(int) pointCount];
        int next = 0;
        for (int owner = 0; owner < sorted.length; owner++) {
            long seed = Murmur3.hash64(sorted[owner].id(), HASH_SEED);
            int vnodes = sorted[owner].weight() * vnodesPerWeight;
            for (int v = 0; v < vnodes; v++) {
                // SplitMix64 (Steele, Lea, Flood 2014) seeded by the member id: independent, well spread points.
                // The owner's index rides in the low bits so that one primitive sort orders points and owners.
                points[next++] = (splitMix64(seed, v) & ~OWNER_MASK) | owner;
            }
        }
        LongRadixSort.sort(points);
        // Positions exclude the owner bits: a member's index shifts when another member joins or leaves, and a
        // staying member's points must not move. Equal positions keep id order, which membership cannot change.
        int[] owners = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            owners[i] = (int) (points[i] & OWNER_MASK);
            points[i] &= ~OWNER_MASK;
        }
        return new Ring(sorted, points, owners, vnodesPerWeight, fingerprint(sorted, vnodesPerWeight));
    }

    /** The ring hash of a workflow instance id; the database stores it so recovery can query hash ranges. */
    public static long hashOf(String instanceId) {
        Objects.requireNonNull(instanceId, "instance id must not be null");
        return Murmur3.hash64(instanceId, HASH_SEED);
    }

    /** The member that owns the workflow instance. */
    public Member ownerOf(String instanceId) {
        return members[owners[pointIndexOf(hashOf(instanceId))]];
    }

    /** The member that owns the key with this precomputed {@link #hashOf(String) hash}. */
    public Member ownerOfHash(long hash) {
        return members[owners[pointIndexOf(hash)]];
    }

    /** Whether {@code memberId} owns the key with this precomputed hash. */
    public boolean owns(String memberId, long hash) {
        return ownerOfHash(hash).id().equals(memberId);
    }

    /** Index of the first point strictly greater than {@code hash}, wrapping to 0. */
    int pointIndexOf(long hash) {
        // Branch-free binary search: the step is a conditional move, so random keys cause no mispredictions.
        long[] sorted = points;
        int base = 0;
        int length = sorted.length;
        while (length > 1) {
            int half = length >>> 1;
            base = sorted[base + half - 1] <= hash ? base + half : base;
            length -= half;
        }
        int index = sorted[base] <= hash ? base + 1 : base;
        return index == sorted.length ? 0 : index;
    }

    /** The members, sorted by id. */
    public List<Member> members() {
        return Collections.unmodifiableList(Arrays.asList(members));
    }

    /** The member with this id, or null. */
    public Member member(String memberId) {
        int index = indexOf(memberId);
        return index < 0 ? null : members[index];
    }

    /** Whether a member with this id is in the ring. */
    public boolean contains(String memberId) {
        return indexOf(memberId) >= 0;
    }

    /** Number of members. */
    public int size() {
        return members.length;
    }

    /** Number of points (virtual nodes) on the ring. */
    public int pointCount() {
        return points.length;
    }

    /** Virtual nodes per weight unit this ring was built with. */
    public int vnodesPerWeight() {
        return vnodesPerWeight;
    }

    /**
     * The ring version: a 64-bit fingerprint of the sorted member set, the weights and the ring format. Two
     * rings with the same version assign every key to the same member.
     */
    public long version() {
        return version;
    }

    /** {@link #version()} as 16 hex digits, for logs and message headers. */
    public String versionHex() {
        return String.format("%016x", version);
    }

    /** The hash ranges the member owns, in ring order; empty when it is not a member. */
    public List<HashRange> rangesOf(String memberId) {
        int owner = indexOf(memberId);
        List<HashRange> ranges = new ArrayList<>();
        if (owner < 0) {
            return ranges;
        }
        if (points.length == 1) {
            ranges.add(new HashRange(points[0], points[0]));
            return ranges;
        }
        for (int i = 0; i < points.length; i++) {
            long start = points[i == 0 ? points.length - 1 : i - 1];
            if (owners[i] == owner && start != points[i]) {
                if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).end() == start) {
                    start = ranges.remove(ranges.size() - 1).start();
                }
                ranges.add(new HashRange(start, points[i]));
            }
        }
        coalesceWrap(ranges);
        return ranges;
    }

    /** The fraction of the hash space the member owns, 0 when it is not a member. */
    public double shareOf(String memberId) {
        return shares().getOrDefault(memberId, 0.0);
    }

    /** Every member's fraction of the hash space, in member order; the fractions add up to 1. */
    public Map<String, Double> shares() {
        double[] sums = new double[members.length];
        if (points.length == 1) {
            sums[owners[0]] = 1.0;
        } else {
            for (int i = 0; i < points.length; i++) {
                long previous = points[i == 0 ? points.length - 1 : i - 1];
                sums[owners[i]] += HashRange.unsignedToDouble(points[i] - previous) / 0x1p64;
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i++) {
            shares.put(members[i].id(), sums[i]);
        }
        return shares;
    }

    long[] points() {
        return points;
    }

    int ownerIndexAt(int pointIndex) {
        return owners[pointIndex];
    }

    Member memberAt(int memberIndex) {
        return members[memberIndex];
    }

    /** Index of the member in id order, or -1. */
    int indexOf(String memberId) {
        int low = 0;
        int high = members.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = members[mid].id().compareTo(memberId);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Joins the last range onto the first when together they wrap around the ring without a gap. */
    static void coalesceWrap(List<HashRange> ranges) {
        if (ranges.size() > 1) {
            HashRange first = ranges.get(0);
            HashRange last = ranges.get(ranges.size() - 1);
            if (last.end() == first.start()) {
                ranges.remove(ranges.size() - 1);
                ranges.set(0, new HashRange(last.start(), first.end()));
            }
        }
    }

    private static Member[] sortedUnique(Collection<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one member");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("a ring holds at most " + MAX_MEMBERS + " members, got " + members.size());
        }
        Member[] sorted = new Member[members.size()];
        int i = 0;
        for (Member m : members) {
            sorted[i++] = Objects.requireNonNull(m, "members must not contain null");
        }
        Arrays.sort(sorted);
        for (int j = 1; j < sorted.length; j++) {
            if (sorted[j].id().equals(sorted[j - 1].id())) {
                throw new IllegalArgumentException("duplicate member id '" + sorted[j].id() + "'");
            }
        }
        return sorted;
    }

    static long splitMix64(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fingerprint(Member[] sorted, int vnodesPerWeight) {
        StringBuilder canonical = new StringBuilder("workflow-ring/").append(FORMAT_VERSION)
                .append('/').append(vnodesPerWeight);
        for (Member m : sorted) {
            // Length-prefixed ids: no id can forge another member list by containing a separator.
            canonical.append('/').append(m.id().length()).append(':').append(m.id()).append('*').append(m.weight());
        }
        return Murmur3.hash64(canonical, HASH_SEED);
    }

    @Override
    public String toString() {
        return "Ring[version=" + versionHex() + ", members=" + members.length + ", points=" + points.length + "]";
    }
}
