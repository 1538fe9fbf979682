package org.albs.application.port.in.product;

import org.albs.domain.identity.User;

/**
 * The build's owner (or a superuser) puts a build's packages into a product's repositories, or takes them out. The
 * call checks and queues a job (the returned id); the job changes the repositories and records the build as in the
 * product or not. Both are idempotent: adding a build that is in the product, or removing one that is not, queues
 * a job that changes nothing.
 */
public interface ChangeProductBuildsUseCase {
    long add(User actor, long buildId, String product);

    long remove(User actor, long buildId, String product);
}
