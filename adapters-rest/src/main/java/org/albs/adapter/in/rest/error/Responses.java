package org.albs.adapter.in.rest.error;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.albs.domain.FieldProblem;

/** Builds the JSON error answers, so every mapper answers in the same shape. */
public final class Responses {
    private Responses() {
    }

    public static Response error(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(detail)).build();
    }

    public static Response invalid(List<FieldProblem> problems) {
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(problems.stream().map(ProblemDto::of).toList())).build();
    }
}
