package org.albs.domain.builds;

/** What a node reports about the CodeNotary (CAS) notarisation of the sources it built. */
public record CasFacts(String almaCommitCasHash, boolean authenticated) {
    public static final CasFacts NONE = new CasFacts(null, false);

    /** The facts a report carries, or null when it says nothing about CAS. */
    public static CasFacts reported(String almaCommitCasHash, boolean authenticated) {
        return almaCommitCasHash != null || authenticated ? new CasFacts(almaCommitCasHash, authenticated) : null;
    }
}
