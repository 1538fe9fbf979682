package org.albs.application.port.in.platform;

/** A repository as a client describes it (upstream RepositoryCreate); nulls mean "not given". */
public record RepositorySpec(String name, String arch, String url, String type, Boolean debug, Integer priority,
                             Boolean production, Boolean mockEnabled, String exportPath, String pulpHref) {
}
