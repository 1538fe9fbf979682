package org.albs.adapter.in.rest.common;

import org.albs.domain.InvalidInputException;
import org.albs.domain.FieldProblem;

/** Path and query parameters are parsed here, so "abc", "-1" or "99999999999999999999" are 422, never 404 or 500. */
public final class Params {
    private Params() {
    }

    public static long id(String where, String name, String raw) {
        long value;
        try {
            value = Long.parseLong(raw == null ? "" : raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FieldProblem.of(
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing", where, name));
        }
        if (value <= 0) {
            throw new InvalidInputException(FieldProblem.of("Input should be greater than 0", "greater_than", where, name));
        }
        return value;
    }

    public static Long optionalLong(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FieldProblem.of(
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing", "query", name));
        }
    }

    public static Integer optionalInt(String name, String raw) {
        Long value = optionalLong(name, raw);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new InvalidInputException(FieldProblem.of("number out of range", "value_error", "query", name));
        }
        return value.intValue();
    }

    public static Boolean optionalBoolean(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidInputException(FieldProblem.of(
                    "Input should be a valid boolean", "bool_parsing", "query", name));
        };
    }

    /** A free-text query parameter: blank is absent; the NUL character (PostgreSQL cannot store it) is 422. */
    public static String optionalText(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.indexOf('\0') >= 0) {
            throw new InvalidInputException(FieldProblem.of(
                    NulFreeStringDeserializer.MESSAGE, "value_error", "query", name));
        }
        return raw;
    }

    /** A JSON body that was absent altogether. */
    public static <T> T body(T body) {
        if (body == null) {
            throw new InvalidInputException(FieldProblem.of("Field required", "missing", "body"));
        }
        return body;
    }
}
