package org.albs.application.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.albs.application.port.in.platform.RepositorySpec;
import org.albs.application.port.out.Repositories;
import org.albs.domain.Problems;
import org.albs.domain.platform.Arch;
import org.albs.domain.platform.Repository;
import org.albs.domain.platform.RepositoryKey;

/** Repositories as platforms and flavours take them (upstream RepositoryCreate): the checks and the upsert. */
final class RepositorySpecs {
    private RepositorySpecs() {
    }

    static void validate(Problems p, List<RepositorySpec> specs, String field) {
        if (specs == null) {
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            RepositorySpec r = specs.get(i);
            if (r == null) {
                p.add("Input should be a valid dictionary", "dict_type", field, i);
                continue;
            }
            text(p, r.name(), field, i, "name", 255);
            text(p, r.url(), field, i, "url", 2048);
            text(p, r.type(), field, i, "type", 50);
            if (r.arch() == null) {
                p.add("Field required", "missing", field, i, "arch");
            } else if (!Arch.isValid(r.arch())) {
                p.add("not an architecture name", "value_error", field, i, "arch");
            }
            if (r.priority() != null && (r.priority() < 0 || r.priority() > 1000)) {
                p.add("priority must be between 0 and 1000", "value_error", field, i, "priority");
            }
        }
    }

    private static void text(Problems p, String v, String field, int i, String name, int max) {
        if (v == null || v.isBlank()) {
            p.add("Field required", "missing", field, i, name);
        } else if (v.length() > max) {
            p.add("at most " + max + " characters", "string_too_long", field, i, name);
        }
    }

    /** Each repository created, or updated where one with its (name, arch, type, debug) exists; given order. */
    static List<Repository> upsertAll(Repositories repositories, List<RepositorySpec> specs) {
        if (specs == null) {
            return List.of();
        }
        Map<RepositoryKey, Repository> stored = new LinkedHashMap<>();
        for (RepositorySpec s : specs) {
            Repository r = new Repository(null, s.name(), s.arch(), s.url(), s.type(),
                    Boolean.TRUE.equals(s.debug()), s.priority() != null ? s.priority() : 10,
                    Boolean.TRUE.equals(s.production()), s.mockEnabled() == null || s.mockEnabled(),
                    s.pulpHref(), s.exportPath(), null);
            stored.put(r.key(), repositories.upsert(r));
        }
        return List.copyOf(stored.values());
    }
}
