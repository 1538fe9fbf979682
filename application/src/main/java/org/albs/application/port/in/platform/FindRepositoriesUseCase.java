package org.albs.application.port.in.platform;

import java.util.List;

import org.albs.domain.platform.Repository;

public interface FindRepositoriesUseCase {
    /** Every repository (as upstream) unless a limit is given; never more than a bounded page at once. */
    List<Repository> list(Integer limit, Long offset);

    Repository get(long id);
}
