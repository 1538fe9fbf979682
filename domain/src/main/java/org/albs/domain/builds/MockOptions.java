package org.albs.domain.builds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The mock configuration a build node receives for one task: the platform's {@code data}, deep-copied, with the
 * build's flavours' data merged in, the build's and the task's mock options applied (upstream
 * TaskPlatform.add_mock_options) and the secure-boot extras, in upstream's order.
 */
public final class MockOptions {
    private MockOptions() {
    }

    public static Map<String, Object> forTask(Map<String, Object> platformData, Map<String, Object> buildOptions,
                                              Map<String, Object> taskOptions, boolean secureBoot) {
        return forTask(platformData, List.of(), buildOptions, taskOptions, secureBoot);
    }

    /** @param flavourData the {@code data} of each of the build's flavours, in the build's order (nulls skipped) */
    public static Map<String, Object> forTask(Map<String, Object> platformData,
                                              List<Map<String, Object>> flavourData,
                                              Map<String, Object> buildOptions, Map<String, Object> taskOptions,
                                              boolean secureBoot) {
        Map<String, Object> data = deepCopy(platformData);
        for (Map<String, Object> flavour : flavourData) {
            applyFlavour(data, flavour);
        }
        apply(data, buildOptions);
        apply(data, taskOptions);
        if (secureBoot) {
            Map<String, Object> mock = child(data, "mock");
            if (mock.get("secure_boot_additional_packages") instanceof List<?> extra && !extra.isEmpty()) {
                String cmd = mock.get("chroot_setup_cmd") == null ? "" : mock.get("chroot_setup_cmd").toString();
                mock.put("chroot_setup_cmd", cmd + " " + extra.stream().map(Object::toString)
                        .collect(Collectors.joining(" ")));
            }
        }
        return data;
    }

    /**
     * A flavour's data merged into a platform data copy (upstream get_task): {@code mock.macros} and
     * {@code mock.secure_boot_macros} are merged key by key, {@code mock.chroot_setup_cmd} and
     * {@code mock.use_host_resolv} replace, {@code mock.dnf_common_opts} is appended to, and the top-level
     * {@code definitions} are merged key by key. Other keys (such as {@code versions}) are for the UI only.
     */
    static void applyFlavour(Map<String, Object> data, Map<String, Object> flavour) {
        if (flavour == null) {
            return;
        }
        if (flavour.get("mock") instanceof Map<?, ?> flavourMock) {
            Map<String, Object> added = castMap(deepCopyValue(flavourMock));
            for (String key : List.of("macros", "secure_boot_macros")) {
                if (added.get(key) instanceof Map<?, ?> dict) {
                    child(child(data, "mock"), key).putAll(castMap(dict));
                }
            }
            for (String key : List.of("chroot_setup_cmd", "use_host_resolv")) {
                if (added.containsKey(key)) {
                    child(data, "mock").put(key, added.get(key));
                }
            }
            if (added.get("dnf_common_opts") instanceof List<?> opts) {
                Map<String, Object> mock = child(data, "mock");
                List<Object> joined = new ArrayList<>();
                if (mock.get("dnf_common_opts") instanceof List<?> old) {
                    joined.addAll(old);
                }
                joined.addAll(opts);
                mock.put("dnf_common_opts", joined);
            }
        }
        if (flavour.get("definitions") instanceof Map<?, ?> dict) {
            child(data, "definitions").putAll(castMap(deepCopyValue(dict)));
        }
    }

    /** One mock-options dict applied to a platform data copy. */
    static void apply(Map<String, Object> data, Map<String, Object> options) {
        if (options == null) {
            return;
        }
        for (var e : options.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "target_arch" -> child(data, "mock").put("target_arch", value);
                case "module_enable" -> {
                    LinkedHashSet<Object> union = new LinkedHashSet<>();
                    Map<String, Object> mock = child(data, "mock");
                    if (mock.get("module_enable") instanceof List<?> old) {
                        union.addAll(old);
                    }
                    if (value instanceof List<?> added) {
                        union.addAll(added);
                    }
                    mock.put("module_enable", new ArrayList<>(union));
                }
                case "yum_exclude" -> {
                    Map<String, Object> yum = child(data, "yum");
                    String old = yum.get("exclude") == null ? "" : yum.get("exclude").toString();
                    String added = value instanceof List<?> l
                            ? l.stream().map(Object::toString).collect(Collectors.joining(" "))
                            : value == null ? "" : value.toString();
                    String joined = (old + " " + added).trim();
                    yum.put("exclude", joined.isEmpty() ? null : joined);
                }
                case "with", "without" -> {
                    if (value instanceof List<?> flags) {
                        Map<String, Object> definitions = child(data, "definitions");
                        for (Object flag : flags) {
                            definitions.put("_" + key + "_" + flag, "--" + key + "-" + flag);
                        }
                    }
                }
                default -> {
                    if (value instanceof Map<?, ?> dict) {
                        child(data, "definitions").putAll(castMap(deepCopyValue(dict)));
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map<?, ?>) {
            return (Map<String, Object>) existing;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    public static Map<String, Object> deepCopy(Map<String, Object> source) {
        return source == null ? new LinkedHashMap<>() : castMap(deepCopyValue(source));
    }

    private static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopyValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopyValue(v)));
            return copy;
        }
        return value;
    }
}
