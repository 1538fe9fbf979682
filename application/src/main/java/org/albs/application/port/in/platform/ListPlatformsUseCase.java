package org.albs.application.port.in.platform;

import java.util.List;

import org.albs.domain.platform.Platform;

public interface ListPlatformsUseCase {
    /** Every platform that builds may target (reference platforms left out). */
    List<Platform> list();
}
