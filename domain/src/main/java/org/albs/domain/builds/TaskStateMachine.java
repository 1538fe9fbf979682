package org.albs.domain.builds;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The build task life cycle as one explicit table. Anything not in the table is illegal.
 * <pre>
 * IDLE ──CLAIM──► STARTED ──DONE/FAIL/EXCLUDE──► COMPLETED / FAILED / EXCLUDED
 *  │               │ ▲ RECLAIM (lease expired, attempts left)
 *  │               └─┘
 *  │              STARTED ──LEASE_EXHAUSTED──► FAILED
 *  ├──CANCEL──► CANCELLED
 *  └──FAST_FAIL──► FAILED ──RESTART──► IDLE
 * </pre>
 */
public final class TaskStateMachine {
    private static final Map<BuildTaskStatus, Map<TaskEvent, BuildTaskStatus>> TABLE = new EnumMap<>(BuildTaskStatus.class);

    static {
        for (BuildTaskStatus s : BuildTaskStatus.values()) {
            TABLE.put(s, new EnumMap<>(TaskEvent.class));
        }
        allow(BuildTaskStatus.IDLE, TaskEvent.CLAIM, BuildTaskStatus.STARTED);
        allow(BuildTaskStatus.IDLE, TaskEvent.CANCEL, BuildTaskStatus.CANCELLED);
        allow(BuildTaskStatus.IDLE, TaskEvent.FAST_FAIL, BuildTaskStatus.FAILED);
        allow(BuildTaskStatus.STARTED, TaskEvent.RECLAIM, BuildTaskStatus.STARTED);
        allow(BuildTaskStatus.STARTED, TaskEvent.LEASE_EXHAUSTED, BuildTaskStatus.FAILED);
        allow(BuildTaskStatus.STARTED, TaskEvent.DONE, BuildTaskStatus.COMPLETED);
        allow(BuildTaskStatus.STARTED, TaskEvent.FAIL, BuildTaskStatus.FAILED);
        allow(BuildTaskStatus.STARTED, TaskEvent.EXCLUDE, BuildTaskStatus.EXCLUDED);
        allow(BuildTaskStatus.FAILED, TaskEvent.RESTART, BuildTaskStatus.IDLE);
    }

    private TaskStateMachine() {
    }

    private static void allow(BuildTaskStatus from, TaskEvent event, BuildTaskStatus to) {
        TABLE.get(from).put(event, to);
    }

    public static Optional<BuildTaskStatus> target(BuildTaskStatus from, TaskEvent event) {
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    public static BuildTaskStatus next(BuildTaskStatus from, TaskEvent event) {
        return target(from, event).orElseThrow(() -> new IllegalTransitionException(from, event));
    }
}
