package org.albs.application.port.in.platform;

import java.util.List;
import java.util.Map;

/**
 * A flavour as a client describes it (upstream CreateFlavour / UpdateFlavour); nulls mean "not given". For a
 * modification only {@code name} is required.
 */
public record PlatformFlavourSpec(String name, Map<String, Object> modularity, List<RepositorySpec> repositories,
                                  Map<String, Object> data) {
}
