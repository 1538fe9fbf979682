-- A product cannot be deleted while builds created for it are running (upstream: while its team has builds with
-- open tasks): the running builds of a product, found without reading every build.
CREATE INDEX builds_open_by_product_idx ON builds (product_id) WHERE open_tasks > 0 AND product_id IS NOT NULL;
