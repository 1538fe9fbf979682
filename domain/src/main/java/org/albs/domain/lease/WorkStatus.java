package org.albs.domain.lease;

/**
 * A status of one kind of leased work (an enum per kind). Its {@code code} is the number the kind's clients see on
 * the wire and the database stores: the enum is the one mapping between the two.
 */
public interface WorkStatus {
    int code();

    LeasePhase phase();

    String name();
}
