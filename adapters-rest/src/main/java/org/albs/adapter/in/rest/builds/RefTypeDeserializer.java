package org.albs.adapter.in.rest.builds;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.builds.RefType;

/**
 * A ref's {@code ref_type} as clients send it: upstream's number (1-4, also as a string or an integral float) or its
 * name ({@code git_branch}, any case). Anything else is a mapping error, answered 422 at the field.
 */
@RegisterForReflection
public class RefTypeDeserializer extends StdDeserializer<RefType> {
    static final String MESSAGE = "ref_type must be 1-4 or one of git_branch, git_tag, srpm_url, git_ref";

    public RefTypeDeserializer() {
        super(RefType.class);
    }

    @Override
    public RefType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        java.util.Optional<RefType> parsed = java.util.Optional.empty();
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            parsed = RefType.ofCode(p.getIntValue());
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            parsed = d == Math.rint(d) && Math.abs(d) < 10 ? RefType.ofCode((int) d) : parsed;
        } else if (token == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            parsed = !s.isEmpty() && s.length() < 3 && s.chars().allMatch(Character::isDigit)
                    ? RefType.ofCode(Integer.parseInt(s)) : RefType.ofText(s);
        }
        return parsed.orElseThrow(() -> JsonMappingException.from(p, MESSAGE));
    }
}
