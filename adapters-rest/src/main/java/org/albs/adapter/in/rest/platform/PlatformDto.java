package org.albs.adapter.in.rest.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.platform.Platform;

/**
 * Upstream's Platform schema (id, name, distr_type, distr_version, pgp_key, arch_list, modularity) plus the
 * filtered {@code data} view GET /platforms/ shows (versions, secure_boot_required_packages) and the fields a
 * client needs to see what it configured.
 */
@RegisterForReflection
public record PlatformDto(long id, String name, String type, String distrType, String distrVersion,
                          String testDistName, String pgpKey, Integer priority, List<String> archList,
                          List<String> copyPriorityArches, Map<String, Object> modularity, boolean isReference,
                          Map<String, Object> data, List<RepositoryDto> repos, List<String> referencePlatforms) {
    public static PlatformDto of(Platform p) {
        return new PlatformDto(p.id(), p.name(), p.type(), p.distrType(), p.distrVersion(), p.testDistName(),
                p.pgpKey(), p.priority(), p.archList(), p.copyPriorityArches(), p.modularity(), p.reference(),
                publicData(p.data()), p.repositories().stream().map(RepositoryDto::of).toList(),
                p.referencePlatforms());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> publicData(Map<String, Object> data) {
        Map<String, Object> view = new LinkedHashMap<>();
        Object versions = data.get("versions");
        view.put("versions", versions);
        Object packages = data.get("secure_boot_required_packages");
        if (packages == null && data.get("mock") instanceof Map<?, ?> mock) {
            packages = ((Map<String, Object>) mock).get("secure_boot_required_packages");
        }
        view.put("secure_boot_required_packages", packages);
        return view;
    }
}
