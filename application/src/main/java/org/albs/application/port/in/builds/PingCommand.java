package org.albs.application.port.in.builds;

import java.util.List;

import org.albs.domain.Problems;

/** A node's ping: the tasks it is working on, whose leases it renews. */
public record PingCommand(List<Long> activeTasks) {
    public static final int MAX_TASKS = 10_000;

    public PingCommand {
        Problems p = new Problems();
        if (activeTasks == null) {
            p.add("Field required", "missing", "active_tasks");
        } else if (activeTasks.size() > MAX_TASKS) {
            p.add("at most " + MAX_TASKS + " task ids", "too_long", "active_tasks");
        } else {
            for (int i = 0; i < activeTasks.size(); i++) {
                if (activeTasks.get(i) == null || activeTasks.get(i) <= 0) {
                    p.add("task id must be a positive integer", "value_error", "active_tasks", i);
                }
            }
        }
        p.throwIfAny();
        activeTasks = List.copyOf(activeTasks);
    }
}
