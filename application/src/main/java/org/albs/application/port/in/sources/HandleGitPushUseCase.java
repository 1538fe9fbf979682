package org.albs.application.port.in.sources;

import org.albs.domain.sources.GitPush;

/** A push reported by the git host: a tag push becomes a build (once), a branch push refreshes the index. */
public interface HandleGitPushUseCase {
    PushOutcome handle(GitPush push);

    /** What became of a push; {@code buildId} is set for CREATED and, when known, DUPLICATE. */
    record PushOutcome(Kind kind, Long buildId, String detail) {
        public enum Kind { CREATED, DUPLICATE, UNMAPPED, INDEX_REFRESHED, IGNORED }
    }
}
