-- The build task queue's partial indexes: the current definition (earlier migrations are history). Their predicates
-- are the ones of the claim in SqlBuildTaskQueue (readiness: waiting and no unfinished dependency; leased: started),
-- with BuildTaskStatus's codes through Flyway placeholders, so the planner can use them for the claim's probes.

-- ready tasks, per owner in FIFO order: the fair-share probes
DROP INDEX IF EXISTS build_tasks_ready_idx;
CREATE INDEX build_tasks_ready_idx ON build_tasks (owner_id, id)
    WHERE status IN (${build_task_waiting}) AND pending_deps = 0;
-- leased tasks by expiry (ties by id): expired leases for claims and the sweeper
DROP INDEX IF EXISTS build_tasks_started_idx;
CREATE INDEX build_tasks_started_idx ON build_tasks (lease_expires_at, id) WHERE status IN (${build_task_leased});
-- leased tasks per owner: fair share's count of tasks in flight
DROP INDEX IF EXISTS build_tasks_started_owner_idx;
CREATE INDEX build_tasks_started_owner_idx ON build_tasks (owner_id) WHERE status IN (${build_task_leased});
