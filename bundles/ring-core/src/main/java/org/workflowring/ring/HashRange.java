package org.workflowring.ring;

/**
 * A half-open interval {@code [start, end)} of the 64-bit ring hash space, in signed {@code long} order.
 *
 * <p>The ring is a circle: a range whose {@code end <= start} wraps around, covering {@code [start, Long.MAX_VALUE]}
 * and {@code [Long.MIN_VALUE, end)}. A range is never empty; {@code start == end} is the whole ring.
 * In SQL a range is {@code hash >= start AND hash < end}, or with {@code OR} when it {@link #wraps()}.
 *
 * @param start first hash in the range
 * @param end   first hash after the range
 */
public record HashRange(long start, long end) {

    /** The whole ring. */
    public static final HashRange FULL = new HashRange(Long.MIN_VALUE, Long.MIN_VALUE);

    /** Whether the range wraps past {@link Long#MAX_VALUE} to {@link Long#MIN_VALUE} (the whole ring included). */
    public boolean wraps() {
        return end <= start;
    }

    /** Whether the range is the whole ring. */
    public boolean isFull() {
        return start == end;
    }

    /** Whether {@code hash} lies in this range. */
    public boolean contains(long hash) {
        return wraps() ? hash >= start || hash < end : hash >= start && hash < end;
    }

    /** The number of hashes in the range as an unsigned 64-bit count; 0 stands for 2^64 (the whole ring). */
    public long unsignedSize() {
        return end - start;
    }

    /** The fraction of the hash space this range covers, in (0, 1]. */
    public double fraction() {
        return isFull() ? 1.0 : unsignedToDouble(end - start) / 0x1p64;
    }

    static double unsignedToDouble(long value) {
        double d = (double) (value >>> 1) * 2.0;
        return d + (value & 1);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
