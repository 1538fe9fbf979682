-- The queue tables churn: every claim and report rewrites a build_tasks row and deletes dependency rows.
-- Vacuum and analyze them far more often than PostgreSQL's defaults (20 % of the table), so the partial
-- ready/started indexes do not fill with dead entries. (Only effective where autovacuum is on.)
ALTER TABLE build_tasks SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                             autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_limit = 2000);
ALTER TABLE build_task_dependency SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                                       autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE builds SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
