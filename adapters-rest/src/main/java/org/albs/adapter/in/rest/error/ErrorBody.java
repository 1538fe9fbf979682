package org.albs.adapter.in.rest.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error answer: {@code {"detail": ...}}, a message string or a list of field problems (as FastAPI). */
@RegisterForReflection
public record ErrorBody(Object detail) {
}
