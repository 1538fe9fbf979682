package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BuildProgressTest {
    static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T2 = T1.plusSeconds(60);

    @Test
    void aBuildFinishesWhenItsLastTaskEnds() {
        BuildProgress last = new BuildProgress(1, 0, null);
        assertThat(last.isFinished()).isTrue();
        assertThat(last.finishedAtAsOf(T2)).isEqualTo(T2);
        assertThat(last.finishTimeChanges(T2)).isTrue();
    }

    @Test
    void aFinishedBuildKeepsItsFirstFinishTime() {
        BuildProgress already = new BuildProgress(1, 0, T1);
        assertThat(already.finishedAtAsOf(T2)).isEqualTo(T1);
        assertThat(already.finishTimeChanges(T2)).isFalse();
    }

    @Test
    void aRunningOrReopenedBuildHasNoFinishTime() {
        assertThat(new BuildProgress(1, 3, null).finishTimeChanges(T2)).isFalse();
        BuildProgress reopened = new BuildProgress(1, 2, T1);
        assertThat(reopened.isFinished()).isFalse();
        assertThat(reopened.finishedAtAsOf(T2)).isNull();
        assertThat(reopened.finishTimeChanges(T2)).isTrue();
    }
}
