package org.albs.application.port.in.platform;

import org.albs.domain.identity.User;
import org.albs.domain.platform.PlatformFlavour;

public interface CreatePlatformFlavourUseCase {
    /** A new flavour with its repositories; superusers only; the name must be free. */
    PlatformFlavour createFlavour(User actor, PlatformFlavourSpec spec);
}
