package org.albs.domain;

import java.util.List;
import java.util.Objects;

/**
 * One problem with one input field, in the shape FastAPI reports validation errors:
 * {@code loc} is the path to the field (e.g. {@code ["body", "platforms", 0, "name"]}).
 */
public record FieldProblem(List<Object> loc, String msg, String type) {
    public FieldProblem {
        loc = List.copyOf(Objects.requireNonNull(loc, "loc"));
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    public static FieldProblem of(String msg, String type, Object... loc) {
        return new FieldProblem(List.of(loc), msg, type);
    }
}
