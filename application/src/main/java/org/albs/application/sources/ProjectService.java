package org.albs.application.sources;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.albs.application.port.in.sources.ListProjectsUseCase;
import org.albs.application.port.in.sources.ProjectList;
import org.albs.application.port.in.sources.ProjectQuery;
import org.albs.application.port.out.ProjectIndex;
import org.albs.domain.sources.ProjectEntry;

/** Reads the project index; filtering and paging happen here, in full-name order. */
public class ProjectService implements ListProjectsUseCase {
    private final ProjectIndex index;

    public ProjectService(ProjectIndex index) {
        this.index = index;
    }

    @Override
    public ProjectList list(String organisation, ProjectQuery query) {
        String needle = query.nameContains() == null ? null : query.nameContains().toLowerCase(Locale.ROOT);
        List<ProjectEntry> matching = index.read(organisation).values().stream()
                .filter(e -> needle == null || e.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(ProjectEntry::fullName))
                .toList();
        List<ProjectEntry> page = matching;
        if (query.page() != null || query.pageSize() != null) {
            int size = query.pageSize() == null ? ProjectQuery.DEFAULT_PAGE_SIZE : query.pageSize();
            long from = (long) (query.page() == null ? 0 : query.page() - 1) * size;
            page = from >= matching.size() ? List.of()
                    : matching.subList((int) from, (int) Math.min(matching.size(), from + size));
        }
        return new ProjectList(page.stream().map(e -> new ProjectList.ProjectView(e.name(), e.cloneUrl(), e.tags(),
                e.branches())).toList(), matching.size());
    }
}
