package org.workflowring.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.workflowring.ring.Member;

/** Member sets and lookup keys shared by the benchmarks; fixed seeds so every run measures the same input. */
final class Fixtures {

    /** Keys per table: a power of two, larger than the caches the lookup would otherwise hit. */
    static final int KEY_COUNT = 1 << 16;

    private Fixtures() {
    }

    static List<Member> members(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Member.of("node-" + i));
        }
        return members;
    }

    static long[] randomHashes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] keys = new long[KEY_COUNT];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        return keys;
    }
}
