package org.albs.application.port.in.signing;

import java.util.List;

import org.albs.domain.identity.User;
import org.albs.domain.signing.SignKey;

/** The sign keys: those a user may use, a superuser's new key, and changes to a key. */
public interface SignKeysUseCase {
    /** A new key as given; {@code platformIds} may be null (none). */
    record NewSignKey(String name, String description, String keyid, String fingerprint, String publicUrl,
                      List<Long> platformIds) {
    }

    /** The fields a change sets; a null field is left as it is. */
    record SignKeyChanges(String name, String description, String keyid, String fingerprint, String publicUrl,
                          List<Long> platformIds, Boolean active) {
    }

    /** The active keys the user may sign with. */
    List<SignKey> usable(User user);

    SignKey create(User user, NewSignKey key);

    SignKey update(User user, long signKeyId, SignKeyChanges changes);
}
