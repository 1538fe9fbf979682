package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.platform.PlatformFlavour;

public interface PlatformFlavours {
    /** Every flavour with its repositories, by id. */
    List<PlatformFlavour> list();

    /** The flavours among these ids that exist, by id. */
    List<PlatformFlavour> findByIds(Collection<Long> ids);

    /** Loads and locks the flavour row, so concurrent modifications queue up. */
    Optional<PlatformFlavour> lockByName(String name);

    /** Inserts a new flavour with links to its (already stored) repositories. */
    PlatformFlavour insert(PlatformFlavour flavour);

    /** Writes every field of an existing flavour and replaces its repository links. */
    PlatformFlavour update(PlatformFlavour flavour);
}
