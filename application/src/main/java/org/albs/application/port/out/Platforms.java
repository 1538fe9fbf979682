package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.platform.Platform;

public interface Platforms {
    Optional<Platform> findById(long id);

    /** Loads and locks the platform row, so concurrent modifications queue up. */
    Optional<Platform> lockByName(String name);

    List<Platform> findByNames(Collection<String> names);

    List<Platform> listNonReference();

    /** Inserts a new platform with links to its (already stored) repositories. */
    Platform insert(Platform platform);

    /** Writes every field of an existing platform and replaces its repository and reference links. */
    Platform update(Platform platform);
}
