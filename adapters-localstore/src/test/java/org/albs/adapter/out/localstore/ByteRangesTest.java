package org.albs.adapter.out.localstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteRangesTest {
    private static String text(List<long[]> ranges) {
        return ByteRanges.describe(ranges);
    }

    @Test
    void touching_and_overlapping_ranges_merge_in_any_order() {
        ByteRanges r = new ByteRanges();
        r.add(100, 200);
        r.add(300, 400);
        r.add(200, 300);
        r.add(0, 50);
        r.add(40, 60);

        assertThat(text(r.all())).isEqualTo("0-59, 100-399");
        assertThat(r.total()).isEqualTo(360);
    }

    @Test
    void intersections_missing_parts_and_contiguous_runs() {
        ByteRanges r = new ByteRanges();
        r.add(10, 20);
        r.add(30, 40);

        assertThat(text(r.intersect(0, 100))).isEqualTo("10-19, 30-39");
        assertThat(text(r.intersect(15, 35))).isEqualTo("15-19, 30-34");
        assertThat(r.intersect(20, 30)).isEmpty();
        assertThat(r.overlaps(19, 21)).isTrue();
        assertThat(r.overlaps(20, 30)).isFalse();
        assertThat(text(r.missing(50))).isEqualTo("0-9, 20-29, 40-49");
        assertThat(r.missing(40)).hasSize(2);
        assertThat(r.contiguousEnd(10)).isEqualTo(20);
        assertThat(r.contiguousEnd(15)).isEqualTo(20);
        assertThat(r.contiguousEnd(20)).isEqualTo(20);
        assertThat(r.contiguousEnd(0)).isEqualTo(0);
    }
}
