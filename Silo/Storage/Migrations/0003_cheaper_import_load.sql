-- Location partitions get their BRIN index on time after loading, like their GiST index on
-- position, instead of from the parent; and no planner statistics on the geography column.
--
-- Measured per million fixes (docs/data-model.md): maintaining the parent's BRIN index row by
-- row cost 0.4 s of the merge, building it per partition after the load a few milliseconds; and
-- ANALYZE of a 40,000-fix partition took 190-230 ms, of which 150 ms went to statistics on the
-- geography column that no query consults (spatial queries go through the position::geometry
-- index, whose expression statistics are kept). Autovacuum analyses every partition an import
-- fills, so that was 1.5 s of database CPU per million fixes imported.

DROP INDEX timeseries.location_points_time;
ALTER TABLE timeseries.location_points ALTER COLUMN position SET STATISTICS 0;

DO $$
DECLARE
    partition text;
BEGIN
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'timeseries.location_points'::regclass
    LOOP
        EXECUTE format('ALTER TABLE timeseries.%I ALTER COLUMN position SET STATISTICS 0', partition);
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON timeseries.%I USING brin (time)', partition || '_time', partition);
    END LOOP;
END
$$;


-- The trigram index on record titles goes: no query uses it yet, and maintained row by row it was
-- the most expensive part of storing a record (1.0 s of 4.8 s per 120,000 records). Search
-- (Cortex) builds the indexes it needs over records already stored, outside the import's path.
DROP INDEX user_data.records_title_trigram;
