package org.albs.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects input problems so a request is rejected once, with all of them. */
public final class Problems {
    private final List<FieldProblem> found = new ArrayList<>();

    public Problems add(String msg, String type, Object... loc) {
        found.add(FieldProblem.of(msg, type, loc));
        return this;
    }

    public Problems addAll(List<FieldProblem> problems) {
        found.addAll(problems);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
