package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;

import org.albs.application.port.in.builds.BuildFilter;
import org.albs.application.port.in.builds.BuildView;

/** The read side of builds, shaped for the API. */
public interface BuildQueries {
    /**
     * A page of the build ids matching the filter, newest first, and how many builds match in all (exact). One call,
     * so an adapter may find the matching builds once for both.
     */
    Page page(BuildFilter filter, int offset, int limit);

    record Page(List<Long> ids, long total) {
        public Page {
            ids = List.copyOf(ids);
        }
    }

    /** Full views of these builds, in the given order; history only when asked for. */
    List<BuildView> views(List<Long> ids, boolean withHistory);

    /** One artifact of any build's task. */
    Optional<BuildView.Artifact> artifact(long id);

    default Optional<BuildView> view(long id) {
        return views(List.of(id), true).stream().findFirst();
    }
}
