package org.workflowring.bench;

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
import org.workflowring.ring.RingDiff;

/** Building a ring and diffing two rings: the work every node does on a membership change. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingBuildBenchmark {

    @Param({"100"})
    int members;

    @Param({"1000"})
    int vnodes;

    private List<Member> memberList;
    private Ring before;
    private Ring after;

    @Setup
    public void setUp() {
        memberList = Fixtures.members(members);
        before = Ring.of(memberList.subList(1, memberList.size()), vnodes);
        after = Ring.of(memberList, vnodes);
    }

    @Benchmark
    public Ring build() {
        return Ring.of(memberList, vnodes);
    }

    /** Baseline in the same run: the TreeMap ring of the same size. */
    @Benchmark
    public Object buildTreeMapRing() {
        return new TreeMapRing(memberList, vnodes);
    }

    @Benchmark
    public RingDiff diffOnJoin() {
        return RingDiff.between(before, after);
    }
}
