package org.albs.domain.lease;

/**
 * Everything that can happen to an item of leased work. The lease events (claim, reclaim, lease exhausted) mean the
 * same for every kind; each kind's {@link Lifecycle} says which of the others it allows, and between which statuses.
 */
public enum WorkEvent {
    /** A claimant took a waiting item. */
    CLAIM,
    /** A claimant took a leased item whose lease had expired, with attempts left. */
    RECLAIM,
    /** The lease expired on the last allowed attempt: the item fails. */
    LEASE_EXHAUSTED,
    /** The holder reported success. */
    DONE,
    /** The holder reported failure. */
    FAIL,
    /** The holder reported the item does not apply (a build's ExcludeArch/ExclusiveArch). */
    EXCLUDE,
    /** A user cancelled the waiting item. */
    CANCEL,
    /** Something it depends on failed, so doing the waiting item is pointless. */
    FAST_FAIL,
    /** A user put the ended item back to wait, with a fresh attempt budget. */
    RESTART,
    /**
     * The holder could not finish for a passing reason (its outside system did not answer): it keeps the item but
     * lets its lease run out at the time it may be tried again, so the next claim takes it over, one attempt later.
     */
    BACK_OFF,
    /** What the holder reported was found wrong afterwards (e.g. an artifact whose checksum does not match). */
    REJECT,
    /**
     * A leased item was called off: its holder stopped it because a user cancelled it (a test the test system
     * reports as revoked, or confirms it cancelled).
     */
    REVOKE
}
