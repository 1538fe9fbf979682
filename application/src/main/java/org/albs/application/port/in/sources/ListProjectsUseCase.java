package org.albs.application.port.in.sources;

/** The distribution's source projects of one git organisation, from the project index. */
public interface ListProjectsUseCase {
    ProjectList list(String organisation, ProjectQuery query);
}
