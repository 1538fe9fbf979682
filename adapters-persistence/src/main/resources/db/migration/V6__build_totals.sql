-- The unfiltered build feed shows total_builds on every page; counting 100,000+ rows each time costs more than
-- the page itself. Statement-level triggers keep an exact total (bulk inserts and cascading deletes included).
CREATE TABLE build_totals (
    id    SMALLINT PRIMARY KEY CHECK (id = 1),
    total BIGINT NOT NULL
);
INSERT INTO build_totals (id, total) SELECT 1, count(*) FROM builds;

CREATE FUNCTION albs_count_builds() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE build_totals SET total = total + (SELECT count(*) FROM inserted) WHERE id = 1;
    ELSE
        UPDATE build_totals SET total = total - (SELECT count(*) FROM deleted) WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER builds_counted_insert AFTER INSERT ON builds
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION albs_count_builds();
CREATE TRIGGER builds_counted_delete AFTER DELETE ON builds
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION albs_count_builds();
