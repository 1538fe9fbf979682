package org.albs.application.platform;

import java.util.List;

import org.albs.application.port.in.platform.FindRepositoriesUseCase;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.platform.Repository;

/** Read side of repositories. */
public class RepositoryQueries implements FindRepositoriesUseCase {
    public static final int MAX_PAGE = 10_000;

    private final Repositories repositories;
    private final Transactions tx;

    public RepositoryQueries(Repositories repositories, Transactions tx) {
        this.repositories = repositories;
        this.tx = tx;
    }

    /** Never more than {@link #MAX_PAGE} rows at once. */
    @Override
    public List<Repository> list(Integer limit, Long offset) {
        Problems p = new Problems();
        if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
            p.add("limit must be between 1 and " + MAX_PAGE, "value_error", "limit");
        }
        if (offset != null && offset < 0) {
            p.add("offset must not be negative", "value_error", "offset");
        }
        p.throwIfAny();
        return tx.inTransaction(() -> repositories.list(limit != null ? limit : MAX_PAGE, offset != null ? offset : 0));
    }

    @Override
    public Repository get(long id) {
        return tx.inTransaction(() -> repositories.findById(id))
                .orElseThrow(() -> new NotFoundException("Repository with id " + id + " is not found"));
    }
}
