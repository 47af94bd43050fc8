-- The extent of each month of a user's fixes (count, bounding box in E7, first and last time), which
-- GET /api/v1/map/extent adds up for the whole months of its range instead of scanning them
-- (Lake/Storage/FixMonthExtents.cs). A row is a cache: filled by the first read of the month, emptied
-- by every merge of fixes into it. `version` counts the merges: a read stores what it computed only
-- when the version it read with is still the row's (a merge committed meanwhile bumped it), so a
-- stale extent is never kept. `fixes` NULL: not computed since the last merge.
CREATE TABLE IF NOT EXISTS timeseries.fix_month_extents (
    user_id  text        NOT NULL,
    -- year * 12 + month - 1 of the fixes' UTC time, as the partitions' months (PartitionMonth).
    month    integer     NOT NULL,
    version  bigint      NOT NULL,
    fixes    bigint,
    min_lng  integer,
    min_lat  integer,
    max_lng  integer,
    max_lat  integer,
    first_at timestamptz,
    last_at  timestamptz,
    PRIMARY KEY (user_id, month)
);

ALTER TABLE timeseries.fix_month_extents ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeseries.fix_month_extents FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS fix_month_extents_owner ON timeseries.fix_month_extents;
CREATE POLICY fix_month_extents_owner ON timeseries.fix_month_extents
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON timeseries.fix_month_extents TO datapunk_app;
