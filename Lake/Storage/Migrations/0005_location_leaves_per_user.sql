-- Location fixes get a leaf per user under each month (LocationPartitions): a user's import then
-- loads into tables no other user's rows are in, with its indexes built after the load, instead of
-- maintaining other users' BRIN and GiST indexes row by row (docs/data-model.md, "Partitions").
--
-- Months created before this are plain partitions shared by their users. Each becomes a month
-- divided by user, with every user's fixes moved into that user's leaf and indexed there; nothing
-- else changes (same parent, same columns, same unique identity, same row-level security). The
-- leaf name is the month's name and the first 12 hex digits of SHA-256 of the user id, as
-- LocationPartitions.LeafName computes it. Runs once, under the migration lock; its time grows with
-- the fixes stored (about a million a few seconds).
DO $$
DECLARE
    month_name  text;
    bounds      text;
    owner       text;
    leaf        text;
BEGIN
    FOR month_name, bounds IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'timeseries.location_points'::regclass AND c.relkind = 'r'
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE timeseries.location_points DETACH PARTITION timeseries.%I', month_name);
        EXECUTE format('ALTER TABLE timeseries.%I RENAME TO %I', month_name, month_name || '_shared');
        EXECUTE format('CREATE TABLE timeseries.%I (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                       'PARTITION BY LIST (user_id)', month_name);
        EXECUTE format('ALTER TABLE timeseries.location_points ATTACH PARTITION timeseries.%I %s', month_name, bounds);
        FOR owner IN EXECUTE format('SELECT DISTINCT user_id FROM timeseries.%I', month_name || '_shared')
        LOOP
            leaf := month_name || '_u' || left(encode(sha256(convert_to(owner, 'UTF8')), 'hex'), 12);
            EXECUTE format('CREATE TABLE timeseries.%I (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', leaf);
            EXECUTE format(
                'ALTER TABLE timeseries.%I ALTER COLUMN position SET STATISTICS 0, ALTER COLUMN user_id SET STATISTICS 10, '
                'ALTER COLUMN time SET STATISTICS 10, ALTER COLUMN lat_e7 SET STATISTICS 10, ALTER COLUMN lng_e7 SET STATISTICS 10, '
                'ALTER COLUMN accuracy_m SET STATISTICS 10, ALTER COLUMN altitude_m SET STATISTICS 10, '
                'ALTER COLUMN velocity_mps SET STATISTICS 10, ALTER COLUMN heading SET STATISTICS 10, '
                'ALTER COLUMN source SET STATISTICS 10, ALTER COLUMN file_id SET STATISTICS 10', leaf);
            EXECUTE format('INSERT INTO timeseries.%I SELECT * FROM timeseries.%I WHERE user_id = %L', leaf, month_name || '_shared', owner);
            EXECUTE format('ALTER TABLE timeseries.%I ATTACH PARTITION timeseries.%I FOR VALUES IN (%L)', month_name, leaf, owner);
            EXECUTE format('CREATE INDEX %I ON timeseries.%I USING brin (time)', leaf || '_time', leaf);
            EXECUTE format('CREATE INDEX %I ON timeseries.%I USING gist ((position::geometry))', leaf || '_position', leaf);
            EXECUTE format('ALTER INDEX timeseries.%I ALTER COLUMN 1 SET STATISTICS 0', leaf || '_position');
        END LOOP;
        EXECUTE format('DROP TABLE timeseries.%I', month_name || '_shared');
    END LOOP;
END
$$;
