package org.albs.adapter.out.localstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disjoint, coalesced byte ranges {@code [start, end)} of one upload. Not thread-safe: its upload guards it.
 */
final class ByteRanges {
    /** start → end (exclusive); neighbours are merged, so no two entries touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        long from = start;
        long to = end;
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
             next != null && next.getKey() <= to;
             next = ranges.ceilingEntry(from)) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(from, to);
    }

    boolean overlaps(long start, long end) {
        return !intersect(start, end).isEmpty();
    }

    /** The parts of {@code [start, end)} held here, in order. */
    List<long[]> intersect(long start, long end) {
        List<long[]> out = new ArrayList<>();
        Map.Entry<Long, Long> first = ranges.floorEntry(start);
        Long from = first != null && first.getValue() > start ? first.getKey() : ranges.ceilingKey(start);
        if (from == null) {
            return out;
        }
        for (Map.Entry<Long, Long> r : ranges.tailMap(from, true).entrySet()) {
            if (r.getKey() >= end) {
                break;
            }
            long s = Math.max(r.getKey(), start);
            long e = Math.min(r.getValue(), end);
            if (s < e) {
                out.add(new long[] {s, e});
            }
        }
        return out;
    }

    /** Where the run of held bytes that contains {@code position} ends; {@code position} if it is not held. */
    long contiguousEnd(long position) {
        Map.Entry<Long, Long> r = ranges.floorEntry(position);
        return r != null && r.getValue() > position ? r.getValue() : position;
    }

    /** The ranges of {@code [0, size)} not held, in order. */
    List<long[]> missing(long size) {
        List<long[]> gaps = new ArrayList<>();
        long at = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (r.getKey() > at) {
                gaps.add(new long[] {at, Math.min(r.getKey(), size)});
            }
            at = Math.max(at, r.getValue());
        }
        if (at < size) {
            gaps.add(new long[] {at, size});
        }
        return gaps;
    }

    long total() {
        long sum = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            sum += r.getValue() - r.getKey();
        }
        return sum;
    }

    /** The ranges in order, as {@code [start, end)} pairs. */
    List<long[]> all() {
        List<long[]> out = new ArrayList<>();
        ranges.forEach((s, e) -> out.add(new long[] {s, e}));
        return out;
    }

    /** Ranges as HTTP writes them: inclusive ends, e.g. {@code 0-99, 200-299}. */
    static String describe(List<long[]> ranges) {
        StringBuilder text = new StringBuilder();
        for (long[] r : ranges) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(r[0]).append('-').append(r[1] - 1);
        }
        return text.toString();
    }
}
