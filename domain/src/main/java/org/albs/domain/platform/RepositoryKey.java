package org.albs.domain.platform;

/** What makes a repository row unique (upstream's unique constraint). */
public record RepositoryKey(String name, String arch, String type, boolean debug) {
}
