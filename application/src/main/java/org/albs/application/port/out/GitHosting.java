package org.albs.application.port.out;

import java.util.List;
import java.util.Optional;

/** The git host (Gitea): organisations' repositories and their tags and branches. */
public interface GitHosting {
    /** Every repository of the organisation (all pages). */
    List<HostedRepository> repositories(String organisation);

    /** One repository by full name ({@code owner/name}); empty when the host does not know it. */
    Optional<HostedRepository> repository(String fullName);

    List<String> tags(String fullName);

    List<String> branches(String fullName);

    record HostedRepository(String name, String fullName, String cloneUrl, String updatedAt, boolean empty,
                            boolean archived) {
    }

    /** The git host failed, timed out or answered something unreadable. */
    class GitHostingException extends RuntimeException {
        public GitHostingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
