package org.albs.application.platform;

import java.util.List;

import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.domain.NotFoundException;
import org.albs.domain.Problems;
import org.albs.domain.platform.Repository;

/** Read side of repositories. */
public class RepositoryQueries {
    public static final int MAX_PAGE = 10_000;

    private final Repositories repositories;
    private final Transactions tx;

    public RepositoryQueries(Repositories repositories, Transactions tx) {
        this.repositories = repositories;
        this.tx = tx;
    }

    /** Everything (as upstream) unless a limit is given; never more than {@link #MAX_PAGE} rows at once. */
    public List<Repository> list(Integer limit, Long offset) {
        Problems p = new Problems();
        if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
            p.add("limit must be between 1 and " + MAX_PAGE, "value_error", "query", "limit");
        }
        if (offset != null && offset < 0) {
            p.add("offset must not be negative", "value_error", "query", "offset");
        }
        p.throwIfAny();
        return tx.inTransaction(() -> repositories.list(limit != null ? limit : MAX_PAGE, offset != null ? offset : 0));
    }

    public Repository get(long id) {
        return tx.inTransaction(() -> repositories.findById(id))
                .orElseThrow(() -> new NotFoundException("Repository with id " + id + " is not found"));
    }
}
