package org.albs.application.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.albs.domain.builds.MockOptions;

/** What a JSONB column does to a value: stored and read back as fresh copies, null stays null. */
final class Json {
    private Json() {
    }

    static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? null : MockOptions.deepCopy(map);
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : new ArrayList<>(list);
    }
}
