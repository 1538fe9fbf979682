package org.albs.domain.platform;

import java.util.Objects;

/** A package repository: a platform's base repo, a build's repo or a product's production repo. */
public record Repository(Long id, String name, String arch, String url, String type, boolean debug,
                         int priority, boolean production, boolean mockEnabled, String pulpHref,
                         String exportPath, Long platformId) {
    public Repository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
    }

    public RepositoryKey key() {
        return new RepositoryKey(name, arch, type, debug);
    }

    public Repository withId(long newId) {
        return new Repository(newId, name, arch, url, type, debug, priority, production, mockEnabled,
                pulpHref, exportPath, platformId);
    }
}
