package org.albs.domain.artifacts;

/** What a repository holds and a stored artifact becomes: RPM packages, or plain files (build and test logs). */
public enum ContentKind {
    RPM,
    FILE
}
