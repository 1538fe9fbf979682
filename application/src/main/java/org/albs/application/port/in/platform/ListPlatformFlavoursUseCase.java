package org.albs.application.port.in.platform;

import java.util.List;

import org.albs.domain.platform.PlatformFlavour;

public interface ListPlatformFlavoursUseCase {
    /** Every flavour, by id. */
    List<PlatformFlavour> listFlavours();
}
