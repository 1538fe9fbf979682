package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.albs.domain.ConflictException;
import org.junit.jupiter.api.Test;

class BuildDeletionTest {
    @Test
    void aReleasedBuildOrOneInAProductIsNotDeleted() {
        assertThatCode(() -> BuildDeletion.requireDeletable(5, false, List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> BuildDeletion.requireDeletable(5, true, List.of()))
                .isInstanceOf(ConflictException.class).hasMessage("Cannot delete Build=5: it is released");
        assertThatThrownBy(() -> BuildDeletion.requireDeletable(5, false, List.of("X", "Y")))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Cannot delete Build=5: it is in distribution X, Y; remove it from distribution X first");
    }
}
