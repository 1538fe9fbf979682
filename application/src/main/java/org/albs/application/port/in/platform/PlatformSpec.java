package org.albs.application.port.in.platform;

import java.util.List;
import java.util.Map;

/**
 * A platform as a client describes it (upstream PlatformCreate / PlatformModify); nulls mean "not given".
 * For a modification only {@code name} is required and every given field overwrites the stored one.
 */
public record PlatformSpec(String name, String type, String distrType, String distrVersion, String testDistName,
                           String contactMail, String copyright, String pgpKey, Integer priority,
                           List<String> archList, List<String> copyPriorityArches, List<Object> weakArchList,
                           List<RepositorySpec> repos, Map<String, Object> data, Map<String, Object> modularity,
                           Boolean isReference, List<String> referencePlatforms) {
}
