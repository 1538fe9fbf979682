package org.albs.domain.builds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The mock configuration a build node receives for one task: the platform's {@code data}, deep-copied, with the
 * build's and the task's mock options applied (upstream TaskPlatform.add_mock_options) and the secure-boot extras.
 */
public final class MockOptions {
    private MockOptions() {
    }

    public static Map<String, Object> forTask(Map<String, Object> platformData, Map<String, Object> buildOptions,
                                              Map<String, Object> taskOptions, boolean secureBoot) {
        Map<String, Object> data = deepCopy(platformData);
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
