package org.albs.domain.sources;

import java.util.List;

/**
 * One source project in the index, as upstream's git cacher writes it: its short and full name, clone URL, tags,
 * branches and the git host's {@code updated_at} (kept verbatim: it is only compared, never interpreted).
 */
public record ProjectEntry(String name, String fullName, String cloneUrl, List<String> tags, List<String> branches,
                           String updatedAt) {
    public ProjectEntry {
        if (name == null || fullName == null || cloneUrl == null || tags == null || branches == null) {
            throw new IllegalArgumentException("a project entry needs name, full_name, clone_url, tags, branches");
        }
        tags = List.copyOf(tags);
        branches = List.copyOf(branches);
    }

    public ProjectEntry withBranch(String branch) {
        if (branches.contains(branch)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(branches);
        more.add(branch);
        return new ProjectEntry(name, fullName, cloneUrl, tags, more, updatedAt);
    }
}
