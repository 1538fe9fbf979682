package org.albs.domain.builds;

import java.util.Map;
import java.util.Objects;

/** What one build task builds: a git ref (branch, tag, commit) or an SRPM URL. */
public record BuildTaskRef(String url, String gitRef, RefType refType, String gitCommitHash,
                           Map<String, Object> mockOptions, Map<String, Object> testConfiguration) {
    public BuildTaskRef {
        Objects.requireNonNull(url, "url");
        refType = refType == null ? RefType.GIT_BRANCH : refType;
    }
}
