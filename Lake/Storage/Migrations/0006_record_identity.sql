-- Record identity v2 (docs/import.md, "Record identity"): what each merged chunk matched, by rule.
ALTER TABLE imports.entry_chunks ADD COLUMN IF NOT EXISTS matched jsonb NOT NULL DEFAULT '{}';

-- Fix identity v2 (Lake/Records/FixMatching.cs): each fix keeps the precision its export wrote it
-- with and the device it names, so that the same fix from a Takeout (E7 integers, milliseconds)
-- and from a phone's export (6 decimals, whole seconds) is recognised as one. Fixes stored before
-- came from E7 exports with milliseconds: the defaults say so.
ALTER TABLE timeseries.location_points
    ADD COLUMN IF NOT EXISTS coord_digits smallint NOT NULL DEFAULT 7,
    ADD COLUMN IF NOT EXISTS time_digits  smallint NOT NULL DEFAULT 3,
    ADD COLUMN IF NOT EXISTS device       integer;

-- Two devices' fixes at the same time and place are two fixes: the device joins the exact identity.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'location_points_identity' AND conrelid = 'timeseries.location_points'::regclass
          AND pg_get_constraintdef(oid) LIKE '%device%')
    THEN
        ALTER TABLE timeseries.location_points DROP CONSTRAINT IF EXISTS location_points_identity;
        ALTER TABLE timeseries.location_points
            ADD CONSTRAINT location_points_identity UNIQUE NULLS NOT DISTINCT (user_id, time, lat_e7, lng_e7, device);
    END IF;
END $$;

-- A stored fix takes the values of a richer copy of it when one arrives (LocationMerge).
GRANT UPDATE ON timeseries.location_points TO datapunk_app;
