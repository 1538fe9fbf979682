package org.albs.domain;

import java.util.List;
import java.util.Objects;

/**
 * One problem with one input field: {@code path} leads to the field from the top of the input it came in (e.g.
 * {@code ["platforms", 0, "name"]}; empty: the input as a whole). Where that input came from (an HTTP body, a query
 * string, a configuration file) is the caller's to say.
 */
public record FieldProblem(List<Object> path, String msg, String type) {
    public FieldProblem {
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    public static FieldProblem of(String msg, String type, Object... path) {
        return new FieldProblem(List.of(path), msg, type);
    }
}
