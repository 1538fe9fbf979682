package org.albs.application.port.in.platform;

import org.albs.domain.identity.User;
import org.albs.domain.platform.PlatformFlavour;

public interface ModifyPlatformFlavourUseCase {
    /** The flavour named in the spec with the given fields replaced; superusers only. */
    PlatformFlavour modifyFlavour(User actor, PlatformFlavourSpec spec);
}
