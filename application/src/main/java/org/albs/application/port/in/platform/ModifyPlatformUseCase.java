package org.albs.application.port.in.platform;

import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;

public interface ModifyPlatformUseCase {
    /**
     * Overwrites the given fields of the platform named in the spec. Given repositories become exactly the
     * platform's (upserted); left-out ones are unlinked, never deleted. Superusers only.
     */
    Platform modify(User actor, PlatformSpec spec);
}
