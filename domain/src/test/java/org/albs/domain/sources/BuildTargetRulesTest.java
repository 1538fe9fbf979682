package org.albs.domain.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BuildTargetRulesTest {
    @Test
    void defaultRuleMapsAlmaAndCentosTagsToTheirPlatform() {
        BuildTargetRules rules = BuildTargetRules.parse(BuildTargetRules.DEFAULT);
        assertThat(rules.targetsFor("rpms/bash", "c8-5.1-1.el8")).contains(List.of(
                new BuildTargetRules.Target("AlmaLinux-8", List.of())));
        assertThat(rules.targetsFor("rpms/bash", "a8-5.1-1.el8_9")).map(t -> t.get(0).platform())
                .contains("AlmaLinux-8");
        assertThat(rules.targetsFor("rpms/bash", "c9-5.1-1.el9")).map(t -> t.get(0).platform())
                .contains("AlmaLinux-9");
        assertThat(rules.targetsFor("rpms/bash", "a9s-1")).map(t -> t.get(0).platform()).contains("AlmaLinux-9");
        assertThat(rules.targetsFor("rpms/bash", "r10-1")).isEmpty();
        assertThat(rules.targetsFor("rpms/bash", "xc8-1")).isEmpty();
        assertThat(rules.targetsFor("rpms/bash", "C8-1")).as("case matters").isEmpty();
    }

    @Test
    void repositoryPatternsArchesAndSeveralPlatforms() {
        BuildTargetRules rules = BuildTargetRules.parse(
                " rpms/kernel*@c8* = AlmaLinux-8:x86_64|aarch64 ; c8*=AlmaLinux-8 ; s?-*=AlmaLinux-8+AlmaLinux-9:s390x");
        assertThat(rules.targetsFor("rpms/kernel-rt", "c8-4.18")).contains(List.of(
                new BuildTargetRules.Target("AlmaLinux-8", List.of("x86_64", "aarch64"))));
        assertThat(rules.targetsFor("autopatch/kernel", "c8-4.18")).as("the first rule is for rpms/ only")
                .contains(List.of(new BuildTargetRules.Target("AlmaLinux-8", List.of())));
        assertThat(rules.targetsFor("rpms/x", "s1-2")).contains(List.of(
                new BuildTargetRules.Target("AlmaLinux-8", List.of()),
                new BuildTargetRules.Target("AlmaLinux-9", List.of("s390x"))));
        assertThat(rules.targetsFor("rpms/x", "s12-2")).isEmpty();
        // regex characters are literal
        assertThat(BuildTargetRules.parse("c8.(1)=P").targetsFor("r/x", "c8.(1)")).isPresent();
        assertThat(BuildTargetRules.parse("c8.(1)=P").targetsFor("r/x", "c8x1")).isEmpty();
    }

    @Test
    void badRulesAreRefused() {
        for (String bad : new String[]{"", " ; ", "c8*", "=AlmaLinux-8", "c8*=", "c8*,=P", "c8*=P:", "c8*=+P"}) {
            assertThatThrownBy(() -> BuildTargetRules.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pushesAreTagsBranchesOrDeletions() {
        GitPush tag = new GitPush("rpms/bash", "https://g/rpms/bash.git", "refs/tags/c8-1", "abc");
        assertThat(tag.isTag()).isTrue();
        assertThat(tag.tag()).isEqualTo("c8-1");
        assertThat(tag.isBranch()).isFalse();
        assertThat(tag.owner()).isEqualTo("rpms");
        GitPush branch = new GitPush("rpms/bash", "https://g/rpms/bash.git", "refs/heads/c8", "abc");
        assertThat(branch.branch()).isEqualTo("c8");
        assertThatThrownBy(branch::tag).isInstanceOf(IllegalStateException.class);
        assertThat(new GitPush("rpms/bash", "u", "refs/tags/x", "0000000").isDeletion()).isTrue();
        assertThat(new GitPush("rpms/bash", "u", "refs/tags/", "1").isTag()).isFalse();
        assertThatThrownBy(() -> new GitPush("bash", "u", "refs/tags/x", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitPush("rpms/bash", null, "refs/tags/x", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clone_url");
        assertThatThrownBy(() -> new GitPush("rpms/bash", "u", "refs/tags/x", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
    }
}
