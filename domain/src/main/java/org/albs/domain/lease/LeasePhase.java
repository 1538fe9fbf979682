package org.albs.domain.lease;

/** Where an item of leased work stands, whatever its kind: waiting for a claimant, held under a lease, or ended. */
public enum LeasePhase {
    WAITING, LEASED, ENDED
}
