package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class MockOptionsTest {
    static Map<String, Object> platformData() {
        Map<String, Object> mock = new LinkedHashMap<>();
        mock.put("chroot_setup_cmd", "install tar gcc");
        mock.put("secure_boot_additional_packages", List.of("pesign", "kernel-devel"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mock", mock);
        data.put("yum", new LinkedHashMap<>(Map.of("exclude", "foo")));
        data.put("definitions", new LinkedHashMap<>(Map.of("distribution", "AlmaLinux")));
        return data;
    }

    @Test
    void appliesBuildThenTaskOptionsOnADeepCopy() {
        Map<String, Object> stored = platformData();
        Map<String, Object> data = MockOptions.forTask(stored,
                Map.of("target_arch", "i686", "yum_exclude", List.of("bar", "baz"), "with", List.of("tests")),
                Map.of("definitions", Map.of("dist", ".el8_6"), "without", List.of("docs"), "ignored", 5), false);
        assertThat(data).extracting("mock").extracting("target_arch").isEqualTo("i686");
        assertThat(data).extracting("yum").extracting("exclude").isEqualTo("foo bar baz");
        assertThat(definitions(data)).containsEntry("_with_tests", "--with-tests")
                .containsEntry("_without_docs", "--without-docs").containsEntry("dist", ".el8_6")
                .containsEntry("distribution", "AlmaLinux");
        assertThat(stored).isEqualTo(platformData());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> definitions(Map<String, Object> data) {
        return (Map<String, Object>) data.get("definitions");
    }

    @Test
    void secureBootAppendsItsPackagesToTheChrootCommand() {
        Map<String, Object> data = MockOptions.forTask(platformData(), null, null, true);
        assertThat(data).extracting("mock").extracting("chroot_setup_cmd").isEqualTo("install tar gcc pesign kernel-devel");
        assertThat(MockOptions.forTask(platformData(), null, null, false)).extracting("mock")
                .extracting("chroot_setup_cmd").isEqualTo("install tar gcc");
    }

    @Test
    void moduleEnableIsAUnionAndEmptyYumExcludeIsNull() {
        Map<String, Object> data = MockOptions.forTask(platformData(), Map.of("module_enable", List.of("a:1", "b:2")),
                Map.of("module_enable", List.of("b:2", "c:3")), false);
        assertThat(data).extracting("mock").extracting("module_enable").isEqualTo(List.of("a:1", "b:2", "c:3"));
        Map<String, Object> bare = new LinkedHashMap<>();
        assertThat(MockOptions.forTask(bare, Map.of("yum_exclude", List.of()), null, false))
                .extracting("yum").extracting("exclude").isNull();
    }

    @Test
    void mergesFlavourDataBeforeTheBuildsOptionsAsUpstreamDoes() {
        Map<String, Object> stored = platformData();
        ((Map<String, Object>) stored.get("mock")).put("dnf_common_opts", List.of("--refresh"));
        ((Map<String, Object>) stored.get("mock")).put("macros", new LinkedHashMap<>(Map.of("%a", "1", "%b", "2")));
        Map<String, Object> beta = Map.of("mock", Map.of("macros", Map.of("%b", "beta"), "chroot_setup_cmd",
                "install bash", "use_host_resolv", true, "dnf_common_opts", List.of("--nogpgcheck")),
                "definitions", Map.of("dist", ".beta"), "versions", List.of(Map.of("name", "9.1")));
        Map<String, Object> data = MockOptions.forTask(stored, java.util.Arrays.asList(beta, null),
                Map.of("definitions", Map.of("dist", ".el9")), null, false);
        Map<String, Object> mock = (Map<String, Object>) data.get("mock");
        assertThat(mock.get("macros")).isEqualTo(Map.of("%a", "1", "%b", "beta"));
        assertThat(mock).containsEntry("chroot_setup_cmd", "install bash").containsEntry("use_host_resolv", true)
                .containsEntry("dnf_common_opts", List.of("--refresh", "--nogpgcheck"));
        // the build's own options come after the flavour's, so they win
        assertThat(definitions(data)).containsEntry("dist", ".el9").containsEntry("distribution", "AlmaLinux");
        assertThat(data).doesNotContainKey("versions");
        assertThat(stored).extracting("mock").extracting("chroot_setup_cmd").isEqualTo("install tar gcc");
    }
}
