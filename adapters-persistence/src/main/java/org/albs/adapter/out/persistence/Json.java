package org.albs.adapter.out.persistence;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSONB columns read and written by native SQL; a plain mapper, independent of the REST wire format. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    private Json() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** A JSON tree (no reflection on our types: what the native image needs for JSON of records). */
    static JsonNode tree(String column) {
        try {
            return MAPPER.readTree(column);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in the database", e);
        }
    }

    static Map<String, Object> map(Object column) {
        if (column == null) {
            return null;
        }
        try {
            return MAPPER.readValue(column.toString(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in the database", e);
        }
    }

    static List<Object> list(Object column) {
        if (column == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(column.toString(), LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in the database", e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object column) {
        if (column == null) {
            return List.of();
        }
        try {
            return (List<String>) (List<?>) MAPPER.readValue(column.toString(), LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in the database", e);
        }
    }
}
