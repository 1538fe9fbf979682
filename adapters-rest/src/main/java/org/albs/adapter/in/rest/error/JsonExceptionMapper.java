package org.albs.adapter.in.rest.error;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.albs.domain.FieldProblem;

/** A body that is not JSON, or JSON of the wrong shape, is the client's mistake: 422 naming the field. */
@Provider
@Priority(1)
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
        }
        String type;
        String msg;
        if (e instanceof com.fasterxml.jackson.core.JsonParseException
                || e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException) {
            // broken JSON, possibly wrapped in a mapping exception when it broke inside a nested value
            type = "json_invalid";
            msg = "JSON decode error: " + e.getOriginalMessage();
        } else if (e instanceof MismatchedInputException mismatch) {
            type = "type_error";
            Class<?> target = mismatch.getTargetType();
            msg = "Input should be " + (target == null ? "of another type" : describe(target));
        } else if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            // Jackson wraps the parser's overflow error in a JsonMappingException that carries the field path
            type = "value_error";
            msg = "number out of range";
        } else if (e instanceof JsonMappingException) {
            type = "value_error";
            msg = e.getOriginalMessage();
        } else {
            type = "json_invalid";
            msg = "JSON decode error: " + e.getOriginalMessage();
        }
        return Responses.invalid(List.of(new FieldProblem(loc, msg, type)));
    }

    private static String describe(Class<?> target) {
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a valid integer";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a valid boolean";
        }
        if (target == String.class) {
            return "a valid string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "a valid list";
        }
        if (java.util.Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "a valid dictionary";
        }
        return "a valid " + target.getSimpleName();
    }
}
