package org.albs.domain.lease;

/**
 * A status of one kind of leased work (an enum per kind). Its {@code code} is the number the kind's clients see on
 * the wire and the database stores: the enum is the one mapping between the two.
 */
public interface WorkStatus {
    int code();

    LeasePhase phase();

    String name();

    /** The status of {@code kind} with this code; an unknown code is a broken store, not bad input. */
    static <S extends Enum<S> & WorkStatus> S ofCode(Class<S> kind, int code) {
        for (S s : kind.getEnumConstants()) {
            if (s.code() == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown " + kind.getSimpleName() + " " + code);
    }
}
