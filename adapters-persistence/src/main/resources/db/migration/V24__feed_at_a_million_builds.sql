-- The build feed at 1,000,000 builds (bench/run-list-bench.sh). Runs outside a transaction (Flyway sees the
-- CONCURRENTLY statements; FlywayPlaceholders allows the mix and takes Flyway's lock at session level, which CREATE
-- INDEX CONCURRENTLY needs), so every statement is written to be run again after a failed attempt.

-- 1. total_builds by owner, signed and released: the build_count deltas get their key (filled and kept by
--    R__build_count.sql, which also remakes the rows from the builds once, since the existing rows have no key).
ALTER TABLE build_count ADD COLUMN IF NOT EXISTS owner_id BIGINT;
ALTER TABLE build_count ADD COLUMN IF NOT EXISTS signed BOOLEAN;
ALTER TABLE build_count ADD COLUMN IF NOT EXISTS released BOOLEAN;

-- 2. The project filter is upstream's substring match, url LIKE '%/<project>%': no b-tree serves a leading %, so the
--    count read every ref (1,000,000 rows: 552 ms with two parallel workers, EXPLAIN ANALYZE). A trigram index
--    finds the refs whose url has the pattern's trigrams (a pattern without three letters in a row still reads them
--    all). Built without blocking build creation (CONCURRENTLY); a failed build leaves an invalid index, dropped
--    first on the next attempt.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DROP INDEX CONCURRENTLY IF EXISTS build_task_refs_url_trgm_idx;
CREATE INDEX CONCURRENTLY build_task_refs_url_trgm_idx ON build_task_refs USING gin (url gin_trgm_ops);
