package org.albs.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.platform.Repository;

public interface Repositories {
    /** Creates the repository, or updates the row with the same (name, arch, type, debug). */
    Repository upsert(Repository repository);

    Optional<Repository> findById(long id);

    List<Repository> findByIds(Collection<Long> ids);

    List<Repository> list(int limit, long offset);
}
