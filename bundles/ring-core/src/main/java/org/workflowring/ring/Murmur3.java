package org.workflowring.ring;

/**
 * MurmurHash3 x64 128-bit (Austin Appleby, public domain) over the UTF-8 encoding of a string, returning the
 * first 64 bits, without allocating.
 *
 * <p>The result equals Guava's {@code Hashing.murmur3_128(seed).hashString(s, UTF_8).asLong()}, which the tests
 * check; like {@link String#getBytes(java.nio.charset.Charset)}, an unpaired surrogate is encoded as {@code '?'}.
 *
 * <p><b>IMPORTANT</b>: ring hashes are stored in databases and compared between nodes, so this function must never
 * change; a new hash needs a new ring format version.
 */
public final class Murmur3 {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** Hashes the UTF-8 bytes of {@code text} with the given seed. */
    public static long hash64(CharSequence text, int seed) {
        long h1 = seed;
        long h2 = seed;
        long k1 = 0;
        long k2 = 0;
        int blockPos = 0;
        long length = 0;
        int count = text.length();
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            // Up to four UTF-8 bytes of this code point, first byte in the lowest 8 bits.
            int encoded;
            int byteCount;
            if (c < 0x80) {
                encoded = c;
                byteCount = 1;
            } else if (c < 0x800) {
                encoded = (0xC0 | (c >>> 6)) | ((0x80 | (c & 0x3F)) << 8);
                byteCount = 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    encoded = (0xF0 | (cp >>> 18))
                            | ((0x80 | ((cp >>> 12) & 0x3F)) << 8)
                            | ((0x80 | ((cp >>> 6) & 0x3F)) << 16)
                            | ((0x80 | (cp & 0x3F)) << 24);
                    byteCount = 4;
                } else {
                    encoded = '?';
                    byteCount = 1;
                }
            } else {
                encoded = (0xE0 | (c >>> 12)) | ((0x80 | ((c >>> 6) & 0x3F)) << 8) | ((0x80 | (c & 0x3F)) << 16);
                byteCount = 3;
            }
            for (int b = 0; b < byteCount; b++, encoded >>>= 8) {
                long unsignedByte = encoded & 0xFF;
                if (blockPos < 8) {
                    k1 |= unsignedByte << (blockPos << 3);
                } else {
                    k2 |= unsignedByte << ((blockPos - 8) << 3);
                }
                if (++blockPos == 16) {
                    h1 ^= mixK1(k1);
                    h1 = Long.rotateLeft(h1, 27);
                    h1 += h2;
                    h1 = h1 * 5 + 0x52dce729;
                    h2 ^= mixK2(k2);
                    h2 = Long.rotateLeft(h2, 31);
                    h2 += h1;
                    h2 = h2 * 5 + 0x38495ab5;
                    k1 = 0;
                    k2 = 0;
                    blockPos = 0;
                }
                length++;
            }
        }
        // The tail: mixing a zero word is a no-op, so no branch on the tail length is needed.
        h1 ^= mixK1(k1);
        h2 ^= mixK2(k2);
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        return h1 + h2;
    }

    /** Murmur3's 64-bit finalizer: a bijection that spreads every input bit over the output. */
    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }
}
