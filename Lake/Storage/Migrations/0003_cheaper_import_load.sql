-- A cheaper load path for imports, each part measured (docs/data-model.md).
--
-- Location partitions get their BRIN index on time after loading, like their GiST index on
-- position, instead of from the parent; and small planner statistics.
--
-- Measured per million fixes (docs/data-model.md): maintaining the parent's BRIN index row by
-- row cost 0.4 s of the merge, building it per partition after the load a few milliseconds; and
-- ANALYZE of a 40,000-fix partition took 190-230 ms, most of it statistics on the geography
-- column and on the position index's expression that no estimate needs (spatial filters go
-- through the GiST index whatever the estimate), the rest a 30,000-row sample. Autovacuum
-- analyses every partition an import fills: 1.5 s of database CPU per million fixes imported.
-- With those statistics off and a target of 10 (3,000 rows sampled) it took 3 ms.

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
        EXECUTE format(
            'ALTER TABLE timeseries.%I ALTER COLUMN position SET STATISTICS 0, ALTER COLUMN user_id SET STATISTICS 10, '
            'ALTER COLUMN time SET STATISTICS 10, ALTER COLUMN lat_e7 SET STATISTICS 10, ALTER COLUMN lng_e7 SET STATISTICS 10, '
            'ALTER COLUMN accuracy_m SET STATISTICS 10, ALTER COLUMN altitude_m SET STATISTICS 10, '
            'ALTER COLUMN velocity_mps SET STATISTICS 10, ALTER COLUMN heading SET STATISTICS 10, '
            'ALTER COLUMN source SET STATISTICS 10, ALTER COLUMN file_id SET STATISTICS 10', partition);
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON timeseries.%I USING brin (time)', partition || '_time', partition);
        IF to_regclass(format('timeseries.%I', partition || '_position')) IS NOT NULL THEN
            EXECUTE format('ALTER INDEX timeseries.%I ALTER COLUMN 1 SET STATISTICS 0', partition || '_position');
        END IF;
    END LOOP;
END
$$;

-- The trigram index on record titles goes: no query uses it yet, and maintained row by row it was
-- the most expensive part of storing a record (1.0 s of 4.8 s per 120,000 records). Search
-- (Cortex) builds the indexes it needs over records already stored, outside the import's path.
DROP INDEX user_data.records_title_trigram;

-- Chunks are staged in temporary tables inside their merge transaction now (docs/data-model.md):
-- the sequence that named the per-chunk UNLOGGED tables goes, with any such table a crashed run
-- of the earlier version left behind.
DO $$
DECLARE
    staged text;
BEGIN
    FOR staged IN SELECT tablename FROM pg_tables WHERE schemaname = 'imports' AND tablename ~ '^s[0-9a-f]{32}[lr]_[0-9]+$'
    LOOP
        EXECUTE format('DROP TABLE imports.%I', staged);
    END LOOP;
END
$$;
DROP SEQUENCE imports.stage_ids;
ALTER DEFAULT PRIVILEGES IN SCHEMA imports REVOKE SELECT ON TABLES FROM datapunk_app;
