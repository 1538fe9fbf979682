package org.albs.adapter.in.rest.product;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to adding a build to a distribution (product) or removing it: the job is queued. */
@RegisterForReflection
public record ProductChangeDto(boolean success, String message) {
}
