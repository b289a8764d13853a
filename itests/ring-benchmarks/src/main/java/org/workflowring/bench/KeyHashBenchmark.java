package org.workflowring.bench;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/** The cost of hashing a 36-character UUID instance id, and of a lookup by id rather than by stored hash. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyHashBenchmark {

    private static final HashFunction GUAVA = Hashing.murmur3_128(Ring.HASH_SEED);

    private final String[] ids = new String[1024];
    private Ring ring;
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}).toString();
        }
        ring = Ring.of(Fixtures.members(10));
    }

    private String nextId() {
        return ids[next++ & (ids.length - 1)];
    }

    @Benchmark
    public long ringHashOfUuid() {
        return Ring.hashOf(nextId());
    }

    /** The same function through Guava: encodes to a byte array first. */
    @Benchmark
    public long guavaMurmur3OfUuid() {
        return GUAVA.hashString(nextId(), StandardCharsets.UTF_8).asLong();
    }

    @Benchmark
    public Member ringLookupByUuid() {
        return ring.ownerOf(nextId());
    }
}
