package org.albs.adapter.in.rest.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

/**
 * Where a use case's input came from in the request. The core names a bad field by its path from the top of its
 * input ({@code ["platforms", 0, "name"]}); FastAPI's {@code loc} lists start with the part of the request
 * ({@code ["body", "platforms", 0, "name"]}). A resource runs a call through the part it read the input from, and
 * the problems the call reports come back located there.
 */
public enum Input {
    BODY("body"), QUERY("query"), PATH("path");

    private final String location;

    Input(String location) {
        this.location = location;
    }

    public <T> T of(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            List<FieldProblem> located = new ArrayList<>();
            for (FieldProblem p : e.problems()) {
                List<Object> loc = new ArrayList<>();
                loc.add(location);
                loc.addAll(p.path());
                located.add(new FieldProblem(loc, p.msg(), p.type()));
            }
            throw new InvalidInputException(located);
        }
    }

    public void run(Runnable call) {
        of(() -> {
            call.run();
            return null;
        });
    }
}
