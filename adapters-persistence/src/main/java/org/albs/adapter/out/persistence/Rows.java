package org.albs.adapter.out.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column values of native queries, whatever Java type the driver chose for them. */
final class Rows {
    private Rows() {
    }

    static Long lng(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    static int integer(Object v) {
        return v == null ? 0 : ((Number) v).intValue();
    }

    static boolean bool(Object v) {
        return v != null && (Boolean) v;
    }

    static String str(Object v) {
        return v == null ? null : v.toString();
    }

    static LocalDateTime time(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (v instanceof Instant t) {
            return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + v.getClass());
    }

    static Instant instant(Object v) {
        LocalDateTime t = time(v);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
