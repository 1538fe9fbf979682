package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.signing.SignKey;

/** The sign keys, with the platforms each is for. */
public interface SignKeys {
    /**
     * Adds the key (its id is ignored) in the caller's transaction and returns its id.
     *
     * @throws org.albs.domain.ConflictException when its keyid or fingerprint is taken (also under a race)
     */
    long insert(SignKey key);

    /** Writes every field of the key and its platforms. */
    void update(SignKey key);

    Optional<SignKey> find(long id);

    /** The key whose keyid or fingerprint this is, other than {@code exceptId}, if any (for a clear 409). */
    Optional<SignKey> findClash(String keyid, String fingerprint, long exceptId);

    /** Every key, active ones first, by id. */
    List<SignKey> all();

    /** The active community keys of a product, locked: the ones a newly generated key archives. */
    List<SignKey> lockActiveOfProduct(String productName);

    /** The ids among these that name no platform. */
    List<Long> missingPlatforms(Collection<Long> platformIds);
}
