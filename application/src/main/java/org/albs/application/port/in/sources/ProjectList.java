package org.albs.application.port.in.sources;

import java.util.List;

/** The projects asked for, in full-name order, and how many matched the filter before paging. */
public record ProjectList(List<ProjectView> projects, int total) {
    /** A project as upstream's API shows it. */
    public record ProjectView(String name, String cloneUrl, List<String> tags, List<String> branches) {
    }
}
