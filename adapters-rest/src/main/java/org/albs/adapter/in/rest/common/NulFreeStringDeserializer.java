package org.albs.adapter.in.rest.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Every string field of a JSON body, refused when it holds the NUL character (U+0000): PostgreSQL cannot
 * store it in text, so it would otherwise fail deep inside a transaction. The refusal is a mapping error, so the
 * answer is a 422 naming the field. Jackson uses it for the string values of free-form JSON too (mock options,
 * statistics), where the location names the enclosing object. Keys of free-form JSON are not checked here: jsonb
 * refuses the character, and that refusal is answered as a 422 as well (UnexpectedExceptionMapper).
 */
public final class NulFreeStringDeserializer extends StringDeserializer {
    static final String MESSAGE = "Input should not contain the NUL character (\\u0000)";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\0') >= 0) {
            throw JsonMappingException.from(p, MESSAGE);
        }
        return value;
    }
}
