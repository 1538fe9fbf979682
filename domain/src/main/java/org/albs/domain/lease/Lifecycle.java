package org.albs.domain.lease;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life cycle of one kind of leased work as one explicit transition table: anything not in it is illegal. The
 * lease rules hold for every kind, so the table is checked against them when it is built: a claim takes a waiting
 * item to a leased one, a reclaim keeps it leased, an exhausted lease and the holder's outcomes end it, a user's
 * cancel or fast-fail ends a waiting one, and a restart makes an ended one wait again.
 *
 * @param <S> the kind's status enum
 */
public final class Lifecycle<S extends Enum<S> & WorkStatus> {
    private static final Map<WorkEvent, LeasePhase[]> LEASE_RULES = new EnumMap<>(Map.ofEntries(
            Map.entry(WorkEvent.BACK_OFF, phases(LeasePhase.LEASED, LeasePhase.LEASED)),
            Map.entry(WorkEvent.REJECT, phases(LeasePhase.ENDED, LeasePhase.ENDED)),
            Map.entry(WorkEvent.REVOKE, phases(LeasePhase.LEASED, LeasePhase.ENDED))));

    static {
        LEASE_RULES.putAll(Map.of(
            WorkEvent.CLAIM, phases(LeasePhase.WAITING, LeasePhase.LEASED),
            WorkEvent.RECLAIM, phases(LeasePhase.LEASED, LeasePhase.LEASED),
            WorkEvent.LEASE_EXHAUSTED, phases(LeasePhase.LEASED, LeasePhase.ENDED),
            WorkEvent.DONE, phases(LeasePhase.LEASED, LeasePhase.ENDED),
            WorkEvent.FAIL, phases(LeasePhase.LEASED, LeasePhase.ENDED),
            WorkEvent.EXCLUDE, phases(LeasePhase.LEASED, LeasePhase.ENDED),
            WorkEvent.CANCEL, phases(LeasePhase.WAITING, LeasePhase.ENDED),
            WorkEvent.FAST_FAIL, phases(LeasePhase.WAITING, LeasePhase.ENDED),
            WorkEvent.RESTART, phases(LeasePhase.ENDED, LeasePhase.WAITING)));
    }

    private final String kind;
    private final String holderNoun;
    private final Class<S> statuses;
    private final Map<S, Map<WorkEvent, S>> table;

    private Lifecycle(String kind, String holderNoun, Class<S> statuses) {
        this.kind = kind;
        this.holderNoun = holderNoun;
        this.statuses = statuses;
        this.table = new EnumMap<>(statuses);
        for (S s : statuses.getEnumConstants()) {
            table.put(s, new EnumMap<>(WorkEvent.class));
        }
    }

    /**
     * @param kind       what an item is called in messages ("Build task")
     * @param holderNoun who holds its leases, in messages ("build node")
     */
    public static <S extends Enum<S> & WorkStatus> Lifecycle<S> of(String kind, String holderNoun, Class<S> statuses) {
        return new Lifecycle<>(kind, holderNoun, statuses);
    }

    /** Adds one transition; refused when it breaks the lease rules. Used while the table is built. */
    public Lifecycle<S> allow(S from, WorkEvent event, S to) {
        LeasePhase[] rule = LEASE_RULES.get(event);
        if (from.phase() != rule[0] || to.phase() != rule[1]) {
            throw new IllegalArgumentException(event + " must go from a " + rule[0] + " status to a " + rule[1]
                    + " one, not " + from + " (" + from.phase() + ") to " + to + " (" + to.phase() + ")");
        }
        if (table.get(from).put(event, to) != null) {
            throw new IllegalArgumentException(from + " + " + event + " is in the table twice");
        }
        return this;
    }

    public Optional<S> target(S from, WorkEvent event) {
        return Optional.ofNullable(table.get(from).get(event));
    }

    public S next(S from, WorkEvent event) {
        return target(from, event).orElseThrow(() -> new IllegalTransitionException(kind, from, event));
    }

    public String kind() {
        return kind;
    }

    public String holderNoun() {
        return holderNoun;
    }

    /** The statuses of a phase, e.g. the ones a claim looks for. */
    public Set<S> statuses(LeasePhase phase) {
        java.util.EnumSet<S> found = java.util.EnumSet.noneOf(statuses);
        for (S s : statuses.getEnumConstants()) {
            if (s.phase() == phase) {
                found.add(s);
            }
        }
        return found;
    }

    private static LeasePhase[] phases(LeasePhase from, LeasePhase to) {
        return new LeasePhase[] {from, to};
    }
}
