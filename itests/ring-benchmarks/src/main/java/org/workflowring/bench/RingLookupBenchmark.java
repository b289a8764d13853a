package org.workflowring.bench;

import com.google.common.hash.Hashing;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/**
 * Owner lookup by precomputed hash: the sorted-array ring against a TreeMap ring and Guava's jump hash, in the
 * same run. Keys cycle through a table of random hashes so that the JIT cannot fold the lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingLookupBenchmark {

    @Param({"10", "50"})
    int members;

    @Param({"100", "256", "1000", "2000"})
    int vnodes;

    private Ring ring;
    private TreeMapRing treeMapRing;
    private Member[] memberArray;
    private long[] keys;
    private int next;

    @Setup
    public void setUp() {
        List<Member> memberList = Fixtures.members(members);
        ring = Ring.of(memberList, vnodes);
        treeMapRing = new TreeMapRing(memberList, vnodes);
        memberArray = memberList.toArray(new Member[0]);
        keys = Fixtures.randomHashes(42);
    }

    private long nextKey() {
        return keys[next++ & (Fixtures.KEY_COUNT - 1)];
    }

    @Benchmark
    public Member sortedArrayRing() {
        return ring.ownerOfHash(nextKey());
    }

    @Benchmark
    public Member treeMapRing() {
        return treeMapRing.ownerOfHash(nextKey());
    }

    /** Jump hash needs no virtual nodes but cannot weight members nor remove one from the middle. */
    @Benchmark
    public Member guavaJumpHash() {
        return memberArray[Hashing.consistentHash(nextKey(), memberArray.length)];
    }
}
