package org.albs.application.port.in.testing;

import java.util.List;
import java.util.Map;

/**
 * A test as ALTS receives it from {@code get_test_tasks} (its {@code TaskRequestPayload}, clients.md §3.2): the
 * module fields and {@code testConfiguration} are null when unset (and then left out on the wire), as upstream.
 */
public record TestTaskPayload(long bsTaskId, String runnerType, String distName, String distVersion, String distArch,
                              String packageName, String packageVersion, String callbackHref,
                              List<Repository> repositories, String moduleName, String moduleStream,
                              String moduleVersion, Map<String, Object> testConfiguration) {
    public record Repository(String name, String baseurl) {
    }
}
