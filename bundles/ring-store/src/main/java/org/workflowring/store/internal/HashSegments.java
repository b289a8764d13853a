package org.workflowring.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.workflowring.ring.HashRange;

/**
 * Splits ring ranges into segments that do not wrap, so that each is one index range scan on {@code ring_hash}.
 *
 * <p>A wrapping range {@code [s, e)} becomes {@code [s, top]} and {@code [MIN, e)}; {@code top} means "up to and
 * including {@link Long#MAX_VALUE}", which a half-open bound cannot express.
 */
public final class HashSegments {

    /**
     * A non-wrapping part of a range.
     *
     * @param from  first hash
     * @param to    first hash after the segment; ignored when {@code toTop}
     * @param toTop whether the segment runs up to and including {@link Long#MAX_VALUE}
     */
    public record Segment(long from, long to, boolean toTop) {

        /** Whether {@code hash} lies in this segment. */
        public boolean contains(long hash) {
            return hash >= from && (toTop || hash < to);
        }
    }

    private HashSegments() {
    }

    /** The segments of {@code ranges}, in the order given; overlapping ranges give overlapping segments. */
    public static List<Segment> of(Collection<HashRange> ranges) {
        Objects.requireNonNull(ranges, "ranges must not be null");
        List<Segment> segments = new ArrayList<>(ranges.size() + 1);
        for (HashRange range : ranges) {
            Objects.requireNonNull(range, "ranges must not contain null");
            if (!range.wraps()) {
                segments.add(new Segment(range.start(), range.end(), false));
            } else if (range.isFull()) {
                segments.add(new Segment(Long.MIN_VALUE, 0, true));
            } else {
                segments.add(new Segment(range.start(), 0, true));
                if (range.end() != Long.MIN_VALUE) {
                    segments.add(new Segment(Long.MIN_VALUE, range.end(), false));
                }
            }
        }
        return segments;
    }
}
