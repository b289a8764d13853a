package org.workflowring.ring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class Murmur3Test {

    @Property(tries = 2000)
    void matchesGuavaMurmur3ForAnyString(@ForAll @StringLength(max = 80) String text, @ForAll int seed) {
        assertThat(Murmur3.hash64(text, seed)).isEqualTo(guava(text, seed));
    }

    @Property(tries = 1000)
    void matchesGuavaForNonAsciiText(
            @ForAll @StringLength(max = 40) @CharRange(from = '\u0080', to = '\uffff') String text) {
        assertThat(Murmur3.hash64(text, Ring.HASH_SEED)).isEqualTo(guava(text, Ring.HASH_SEED));
    }

    @Test
    void encodesSurrogatePairsAsFourUtf8Bytes() {
        String emoji = "order-\uD83D\uDE00-\uD834\uDD1E";
        assertThat(Murmur3.hash64(emoji, 7)).isEqualTo(guava(emoji, 7));
    }

    @Test
    void encodesUnpairedSurrogatesAsQuestionMarkLikeStringGetBytes() {
        String broken = "a\uD800b\uDC00";
        assertThat(Murmur3.hash64(broken, 7)).isEqualTo(Murmur3.hash64("a?b?", 7)).isEqualTo(guava(broken, 7));
    }

    @Test
    void matchesGuavaAtEveryLengthAroundTheBlockSize() {
        StringBuilder text = new StringBuilder();
        for (int length = 0; length <= 50; length++) {
            assertThat(Murmur3.hash64(text, 42)).as("length %d", length).isEqualTo(guava(text.toString(), 42));
            text.append((char) ('a' + length % 26));
        }
    }

    @Test
    void emptyStringWithSeedZeroHashesToZeroLikeTheReference() {
        assertThat(Murmur3.hash64("", 0)).isZero();
    }

    @Test
    void hashOfAUuidIsStableAcrossReleases() {
        // Pinned value: ring hashes are stored in databases, so the function must never change.
        assertThat(Ring.hashOf("123e4567-e89b-12d3-a456-426614174000"))
                .isEqualTo(guava("123e4567-e89b-12d3-a456-426614174000", Ring.HASH_SEED));
        assertThat(Ring.hashOf(UUID.nameUUIDFromBytes(new byte[] {1}).toString()))
                .isEqualTo(guava(UUID.nameUUIDFromBytes(new byte[] {1}).toString(), Ring.HASH_SEED));
    }

    private static long guava(String text, int seed) {
        return Hashing.murmur3_128(seed).hashString(text, StandardCharsets.UTF_8).asLong();
    }
}
