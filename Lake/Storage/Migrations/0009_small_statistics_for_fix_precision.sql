-- The precision and device columns of migration 0006 got the default statistics target on every
-- partition, so autovacuum's ANALYZE of a filled month sampled 30,000 rows instead of 3,000 again
-- (LocationPartitions: 70-90 ms instead of 3 ms a partition). Partitions created from now on get
-- a target of 10 for them like the other columns; this sets it on those created before.
DO $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN
        SELECT relid FROM pg_partition_tree('timeseries.location_points') WHERE relid <> 'timeseries.location_points'::regclass
    LOOP
        EXECUTE format(
            'ALTER TABLE %s ALTER COLUMN coord_digits SET STATISTICS 10, ALTER COLUMN time_digits SET STATISTICS 10, '
            'ALTER COLUMN device SET STATISTICS 10', partition);
    END LOOP;
END $$;
