package org.albs.adapter.in.rest.error;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.FieldProblem;

/** One validation problem as FastAPI reports it: {@code {"loc": [...], "msg": "...", "type": "..."}}. */
@RegisterForReflection
public record ProblemDto(List<Object> loc, String msg, String type) {
    static ProblemDto of(FieldProblem p) {
        return new ProblemDto(p.path(), p.msg(), p.type());
    }
}
