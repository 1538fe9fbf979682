package org.albs.domain.sources;

import java.util.Objects;

/**
 * A push to a git repository as the git host reported it: the repository (full name {@code owner/name} and clone
 * URL), the pushed ref ({@code refs/tags/…} or {@code refs/heads/…}) and the commit it now points at. Built only
 * from complete input, so a half-read event cannot become a push.
 */
public record GitPush(String repository, String cloneUrl, String ref, String commit) {
    private static final String TAGS = "refs/tags/";
    private static final String HEADS = "refs/heads/";

    public GitPush {
        require(repository, "repository.full_name");
        require(cloneUrl, "repository.clone_url");
        require(ref, "ref");
        require(commit, "after");
        if (repository.indexOf('/') <= 0 || repository.endsWith("/")) {
            throw new IllegalArgumentException("repository.full_name must be owner/name, not '" + repository + "'");
        }
        if (repository.length() > 512 || ref.length() > 1024 || commit.length() > 128 || cloneUrl.length() > 2048) {
            throw new IllegalArgumentException("a field of the push event is too long");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the push event has no " + field);
        }
    }

    public boolean isTag() {
        return ref.startsWith(TAGS) && ref.length() > TAGS.length();
    }

    public boolean isBranch() {
        return ref.startsWith(HEADS) && ref.length() > HEADS.length();
    }

    /** The tag's name without {@code refs/tags/}; only for a tag push. */
    public String tag() {
        if (!isTag()) {
            throw new IllegalStateException("not a tag push: " + ref);
        }
        return ref.substring(TAGS.length());
    }

    public String branch() {
        if (!isBranch()) {
            throw new IllegalStateException("not a branch push: " + ref);
        }
        return ref.substring(HEADS.length());
    }

    /** The organisation (owner) part of the full name. */
    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    /** A tag or branch push with an all-zero commit deletes the ref. */
    public boolean isDeletion() {
        return commit.chars().allMatch(c -> c == '0');
    }

    @Override
    public String toString() {
        return repository + " " + ref + " @ " + Objects.toString(commit);
    }
}
