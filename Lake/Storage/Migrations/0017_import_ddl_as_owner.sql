-- The DDL imports run at run time (docs/security.md, "Isolation in the database"): the silos log
-- in as a role that owns nothing, so the partitions and indexes of location fixes are made by
-- functions the owner owns, which datapunk_app may call; and the import writer's direct COPY gets
-- a role of its own.

-- A user's leaf of a month of timeseries.location_points, and the month when it is missing
-- (Lake/Storage/LocationPartitions.cs names them the same way): created under the partition lock
-- (0x0DA7_A9C0_0002), owned by the owner. Returns the leaf's name when it created it, null when it
-- existed. A leaf only routes rows; who may read them is still the parent's policy.
CREATE OR REPLACE FUNCTION timeseries.create_location_leaf(p_user text, p_month integer) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET TimeZone = 'UTC' AS $$
DECLARE
    month_name  text;
    leaf        text;
    month_start timestamptz;
BEGIN
    IF coalesce(p_user, '') = '' THEN
        RAISE EXCEPTION 'create_location_leaf needs a user id';
    END IF;
    -- Year × 12 + month − 1, years 1 to 9999 as .NET's DateTime has them.
    IF p_month IS NULL OR p_month < 12 OR p_month >= 120000 THEN
        RAISE EXCEPTION 'create_location_leaf: month % is not year × 12 + month − 1 of a year from 1 to 9999', p_month;
    END IF;
    month_name := format('location_points_%s_%s', lpad((p_month / 12)::text, 4, '0'), lpad((p_month % 12 + 1)::text, 2, '0'));
    leaf := month_name || '_u' || left(encode(sha256(convert_to(p_user, 'UTF8')), 'hex'), 12);
    PERFORM pg_advisory_xact_lock(15013758631938);
    IF to_regclass(format('timeseries.%I', month_name)) IS NULL THEN
        month_start := make_timestamptz(p_month / 12, p_month % 12 + 1, 1, 0, 0, 0, 'UTC');
        -- CREATE … PARTITION OF would lock the parent exclusively and wait for every merge in
        -- flight; ATTACH PARTITION takes a lock inserts do not conflict with.
        EXECUTE format('CREATE TABLE timeseries.%I (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                       'PARTITION BY LIST (user_id)', month_name);
        EXECUTE format('ALTER TABLE timeseries.location_points ATTACH PARTITION timeseries.%I FOR VALUES FROM (%L) TO (%L)',
                       month_name, month_start, month_start + interval '1 month');
    END IF;
    IF to_regclass(format('timeseries.%I', leaf)) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE timeseries.%I (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', leaf);
    -- Autovacuum analyses every leaf an import fills, which at the default statistics target cost
    -- 70-90 ms a leaf (11 s of database CPU per 10 M fixes): most of it on the geography column and
    -- the position index's expression, which no estimate needs, the rest a 30,000-row sample. A
    -- target of 10 samples 3,000 rows, plenty for a month of one user's fixes: 3 ms a leaf.
    EXECUTE format(
        'ALTER TABLE timeseries.%I ALTER COLUMN position SET STATISTICS 0, ALTER COLUMN user_id SET STATISTICS 10, '
        'ALTER COLUMN time SET STATISTICS 10, ALTER COLUMN lat_e7 SET STATISTICS 10, ALTER COLUMN lng_e7 SET STATISTICS 10, '
        'ALTER COLUMN accuracy_m SET STATISTICS 10, ALTER COLUMN altitude_m SET STATISTICS 10, '
        'ALTER COLUMN velocity_mps SET STATISTICS 10, ALTER COLUMN heading SET STATISTICS 10, '
        'ALTER COLUMN source SET STATISTICS 10, ALTER COLUMN file_id SET STATISTICS 10, ALTER COLUMN coord_digits SET STATISTICS 10, '
        'ALTER COLUMN time_digits SET STATISTICS 10, ALTER COLUMN device SET STATISTICS 10', leaf);
    EXECUTE format('ALTER TABLE timeseries.%I ATTACH PARTITION timeseries.%I FOR VALUES IN (%L)', month_name, leaf, p_user);
    RETURN leaf;
END
$$;
REVOKE ALL ON FUNCTION timeseries.create_location_leaf(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION timeseries.create_location_leaf(text, integer) TO datapunk_app;

-- Builds the indexes a leaf lacks (BRIN on time, GiST on position as geometry), under the index
-- lock (0x0DA7_A9C0_0003): CREATE INDEX IF NOT EXISTS is not safe against a concurrent build of
-- the same index. Only leaves of timeseries.location_points are accepted.
CREATE OR REPLACE FUNCTION timeseries.index_location_leaf(p_leaf text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    postgis name;
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_partition_tree('timeseries.location_points') t JOIN pg_class c ON c.oid = t.relid
        WHERE t.isleaf AND t.level > 0 AND c.relname = p_leaf)
    THEN
        RAISE EXCEPTION 'index_location_leaf: % is not a leaf of timeseries.location_points', p_leaf;
    END IF;
    SELECT n.nspname INTO STRICT postgis FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis';
    PERFORM pg_advisory_xact_lock(15013758631939);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON timeseries.%I USING brin (time)', p_leaf || '_time', p_leaf);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON timeseries.%I USING gist ((position::%I.geometry))', p_leaf || '_position', p_leaf, postgis);
    EXECUTE format('ALTER INDEX timeseries.%I ALTER COLUMN 1 SET STATISTICS 0', p_leaf || '_position');
END
$$;
REVOKE ALL ON FUNCTION timeseries.index_location_leaf(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION timeseries.index_location_leaf(text) TO datapunk_app;

-- The import writer's direct COPY of fixes (Lake/Storage/LocationMerge.cs): COPY FROM refuses a
-- table with row-level security unless the role bypasses it. datapunk_fix_copy is that role,
-- NOLOGIN, with INSERT on the fixes' table and nothing else: no SELECT, so bypassing the policy
-- never reads a row. Only the import writer's login is made a member of it (outside migrations),
-- and sets it for the COPY alone. BYPASSRLS can only be given by a superuser: created here by
-- one it has it; otherwise the operator gives it, or imports take the staged merge.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datapunk_fix_copy') THEN
        CREATE ROLE datapunk_fix_copy NOLOGIN;
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            ALTER ROLE datapunk_fix_copy BYPASSRLS;
        END IF;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA timeseries TO datapunk_fix_copy;
GRANT INSERT ON timeseries.location_points TO datapunk_fix_copy;
