package org.albs.adapter.in.rest.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.platform.Repository;

/** Upstream's Repository schema (plus export_path and platform_id). */
@RegisterForReflection
public record RepositoryDto(long id, String name, String arch, String url, String type, boolean debug,
                            int priority, boolean production, boolean mockEnabled, String pulpHref,
                            String exportPath, Long platformId) {
    public static RepositoryDto of(Repository r) {
        return new RepositoryDto(r.id(), r.name(), r.arch(), r.url(), r.type(), r.debug(), r.priority(),
                r.production(), r.mockEnabled(), r.pulpHref(), r.exportPath(), r.platformId());
    }
}
