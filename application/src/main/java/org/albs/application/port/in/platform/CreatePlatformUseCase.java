package org.albs.application.port.in.platform;

import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;

public interface CreatePlatformUseCase {
    /** A new platform with its base repositories; superusers only; the name must be free. */
    Platform create(User actor, PlatformSpec spec);
}
