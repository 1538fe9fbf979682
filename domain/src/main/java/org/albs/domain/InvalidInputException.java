package org.albs.domain;

import java.util.List;

/** The input breaks a rule; carries every problem found, not only the first. */
public class InvalidInputException extends DomainException {
    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).msg());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(FieldProblem problem) {
        this(List.of(problem));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
