package org.albs.bootstrap.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the platform API, as mutable maps so a test can break exactly one thing. */
final class PlatformBodies {
    private PlatformBodies() {
    }

    /** A complete, valid POST /api/v1/platforms/ body with the given repositories. */
    static Map<String, Object> platform(String name, Map<?, ?>... repos) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "rpm");
        body.put("distr_type", "rhel");
        body.put("distr_version", "10");
        body.put("test_dist_name", "almalinux");
        body.put("contact_mail", "packager@example.com");
        body.put("arch_list", new ArrayList<>(List.of("x86_64", "aarch64")));
        body.put("data", new LinkedHashMap<>(Map.of("versions", List.of("10"), "mock", Map.of("releasever", "10"))));
        body.put("repos", new ArrayList<>(List.of(repos)));
        return body;
    }

    /** A valid RepositoryCreate body. */
    static Map<String, Object> repo(String name, String arch) {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("name", name);
        repo.put("arch", arch);
        repo.put("url", "https://repo.example.com/" + name + "/" + arch + "/os/");
        repo.put("type", "rpm");
        repo.put("debug", false);
        return repo;
    }
}
