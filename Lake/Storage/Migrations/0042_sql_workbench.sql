-- The SQL workbench (docs/catalog.md, "SQL workbench"): read-only SQL over the user's own data.
--
-- User SQL is hostile, so it never runs in the silos' own session (datapunk_silo may switch to
-- datapunk_app and datapunk_search, and sets the user id every policy reads). It runs as its own
-- login, datapunk_workbench: no memberships, no privileges but USAGE on this schema, SELECT on its
-- views, EXECUTE on workbench.bind and TEMP on the database (PUBLIC's). The user is bound to the
-- backend, not by a setting the query could change: workbench.bind writes (pg_backend_pid(), user)
-- into workbench.bindings inside the workbench's transaction, before it turns read-only, and the
-- row is never committed (the transaction rolls back), so no other session ever sees it. Every view
-- filters by workbench.bound_user(), the binding of the backend that reads it.
--
-- The login itself is made by the set-up (scripts/lib/services.sh) or the deployment (deploy/README.md),
-- with a password; here it is created NOLOGIN when missing, so that the grants below have a role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datapunk_workbench') THEN
        CREATE ROLE datapunk_workbench NOLOGIN NOINHERIT;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS workbench;
COMMENT ON SCHEMA workbench IS 'The SQL workbench''s views of the bound user''s data (docs/catalog.md, "SQL workbench")';
REVOKE ALL ON SCHEMA workbench FROM PUBLIC;
GRANT USAGE ON SCHEMA workbench TO datapunk_workbench;

-- Always empty outside a workbench transaction (its one row is rolled back with it). Erasure finds
-- it by its user_id column like any other table.
CREATE TABLE IF NOT EXISTS workbench.bindings (
    pid     integer PRIMARY KEY,
    user_id text    NOT NULL CHECK (user_id <> '')
);
REVOKE ALL ON workbench.bindings FROM PUBLIC;
-- Under row-level security like every table with a user_id (forced, so the owner's functions too when the
-- owner is no superuser): a backend sees and writes only its own binding.
ALTER TABLE workbench.bindings ENABLE ROW LEVEL SECURITY;
ALTER TABLE workbench.bindings FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS bindings_own_backend ON workbench.bindings;
CREATE POLICY bindings_own_backend ON workbench.bindings
    USING (pid = pg_backend_pid()) WITH CHECK (pid = pg_backend_pid());
-- The application's role reads and deletes it like every table with a user_id (the isolation tests count
-- them, erasure deletes the user's rows of each: here never any, as none is ever committed); it may not
-- read the workbench's views, nor bind.
GRANT USAGE ON SCHEMA workbench TO datapunk_app;
GRANT SELECT, DELETE ON workbench.bindings TO datapunk_app;

-- Binds this backend to a user for the rest of its transaction. An insert, never an update: a second
-- bind in the same transaction fails on the key, and once the transaction is read-only (before the
-- user's query is declared) PostgreSQL refuses the insert itself.
CREATE OR REPLACE FUNCTION workbench.bind(bound_user_id text) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO workbench.bindings (pid, user_id) VALUES (pg_catalog.pg_backend_pid(), bound_user_id);
$$;
REVOKE ALL ON FUNCTION workbench.bind(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workbench.bind(text) TO datapunk_workbench;

-- The user this backend is bound to, or null (every view is then empty). PARALLEL RESTRICTED: a
-- parallel worker has a backend pid of its own.
CREATE OR REPLACE FUNCTION workbench.bound_user() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT user_id FROM workbench.bindings WHERE pid = pg_catalog.pg_backend_pid();
$$;
REVOKE ALL ON FUNCTION workbench.bound_user() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workbench.bound_user() TO datapunk_workbench;

-- What changes whenever the bound user's data does, for the result cache's key: the import files
-- (imports, live batches and polled pages each add one; an entry finishing changes its time),
-- every merged chunk, the uploaded tables (added, replaced, deleted), the promoted places version.
-- Erasure deletes all of it and the user's cache keys besides.
CREATE OR REPLACE FUNCTION workbench.data_version() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT concat_ws(':',
        (SELECT concat_ws('.', count(*), max(file_id), extract(epoch FROM max(coalesce(finished_at, started_at)))::numeric(20, 6))
           FROM imports.files WHERE user_id = workbench.bound_user()),
        (SELECT count(*) FROM imports.entry_chunks WHERE user_id = workbench.bound_user()),
        (SELECT concat_ws('.', count(*), sum(row_count), max(table_id), extract(epoch FROM max(updated_at))::numeric(20, 6))
           FROM user_data.user_tables WHERE user_id = workbench.bound_user()),
        (SELECT max(version) FROM analytics.model_versions
          WHERE user_id = workbench.bound_user() AND kind = 'places' AND status = 'promoted'));
$$;
REVOKE ALL ON FUNCTION workbench.data_version() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workbench.data_version() TO datapunk_workbench;

-- Every record, with its kind's name and its position in degrees.
CREATE OR REPLACE VIEW workbench.records WITH (security_barrier) AS
SELECT k.name AS kind, r.occurred_at, r.ended_at, r.title, r.body, r.url,
       ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng,
       r.source, r.identity, r.file_id
FROM user_data.records r
JOIN user_data.record_kinds k ON k.kind = r.kind
WHERE r.user_id = workbench.bound_user();

CREATE OR REPLACE VIEW workbench.place_visits WITH (security_barrier) AS
SELECT r.occurred_at, r.ended_at, r.title AS place_name,
       ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng,
       r.source #>> '{placeVisit,location,placeId}' AS place_id,
       r.source #>> '{placeVisit,location,address}' AS address,
       r.source #>> '{placeVisit,placeConfidence}' AS confidence,
       r.ended_at - r.occurred_at AS duration, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 1;

CREATE OR REPLACE VIEW workbench.activity_segments WITH (security_barrier) AS
SELECT r.occurred_at, r.ended_at, r.title,
       r.source #>> '{activitySegment,activityType}' AS activity_type,
       (r.source #>> '{activitySegment,distance}')::double precision AS distance_m,
       r.source #>> '{activitySegment,confidence}' AS confidence,
       (r.source #>> '{activitySegment,startLocation,latitudeE7}')::double precision / 1e7 AS start_lat,
       (r.source #>> '{activitySegment,startLocation,longitudeE7}')::double precision / 1e7 AS start_lng,
       (r.source #>> '{activitySegment,endLocation,latitudeE7}')::double precision / 1e7 AS end_lat,
       (r.source #>> '{activitySegment,endLocation,longitudeE7}')::double precision / 1e7 AS end_lng,
       r.ended_at - r.occurred_at AS duration, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 2;

-- Google's My Activity entries (kinds 3 to 5 share their shape).
CREATE OR REPLACE VIEW workbench.activity_events WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.url, r.source ->> 'header' AS product,
       r.source #>> '{datapunk,verb}' AS verb, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 3;

CREATE OR REPLACE VIEW workbench.youtube_watches WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.url, r.source #>> '{datapunk,videoId}' AS video_id,
       r.source #>> '{subtitles,0,name}' AS channel, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 4;

CREATE OR REPLACE VIEW workbench.youtube_searches WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.url, r.source #>> '{datapunk,object}' AS query, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 5;

CREATE OR REPLACE VIEW workbench.browser_visits WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.url, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 6;

CREATE OR REPLACE VIEW workbench.fit_days WITH (security_barrier) AS
SELECT r.occurred_at, r.title,
       (r.source ->> 'Step count')::double precision AS steps,
       (r.source ->> 'Distance (m)')::double precision AS distance_m,
       r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 7;

CREATE OR REPLACE VIEW workbench.photos WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.body AS description, r.url,
       ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng,
       r.source ->> 'mediaPath' AS media_path,
       (r.source ->> 'favorited')::boolean AS favorited, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 8;

CREATE OR REPLACE VIEW workbench.calendar_events WITH (security_barrier) AS
SELECT r.occurred_at, r.ended_at, r.title, r.body AS description,
       r.source ->> 'location' AS location, r.source ->> 'calendar' AS calendar,
       r.source ->> 'status' AS status, (r.source ->> 'allDay')::boolean AS all_day,
       r.source ->> 'organizer' AS organizer, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 9;

CREATE OR REPLACE VIEW workbench.contacts WITH (security_barrier) AS
SELECT r.occurred_at, r.title AS name, r.body, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 10;

CREATE OR REPLACE VIEW workbench.emails WITH (security_barrier) AS
SELECT r.occurred_at, r.title AS subject, r.body,
       r.source ->> 'from' AS sender, r.source -> 'to' AS recipients, r.source -> 'labels' AS labels,
       r.source ->> 'threadId' AS thread_id, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 11;

CREATE OR REPLACE VIEW workbench.notes WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.body,
       (r.source ->> 'isPinned')::boolean AS pinned, (r.source ->> 'isArchived')::boolean AS archived,
       r.source -> 'labels' AS labels, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 12;

CREATE OR REPLACE VIEW workbench.plays WITH (security_barrier) AS
SELECT r.occurred_at, r.title,
       coalesce(r.source ->> 'artistName', r.source ->> 'master_metadata_album_artist_name') AS artist,
       coalesce(r.source ->> 'trackName', r.source ->> 'master_metadata_track_name') AS track,
       coalesce(r.source ->> 'msPlayed', r.source ->> 'ms_played')::bigint AS ms_played,
       r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 13;

CREATE OR REPLACE VIEW workbench.messages WITH (security_barrier) AS
SELECT r.occurred_at, r.title, r.body, r.source ->> 'channelId' AS channel_id, r.source, r.file_id
FROM user_data.records r
WHERE r.user_id = workbench.bound_user() AND r.kind = 14;

-- Location fixes in degrees.
CREATE OR REPLACE VIEW workbench.fixes WITH (security_barrier) AS
SELECT p.time, p.lat_e7 / 1e7::double precision AS lat, p.lng_e7 / 1e7::double precision AS lng,
       p.accuracy_m, p.altitude_m, p.velocity_mps, p.heading, p.source, p.device, p.file_id
FROM timeseries.location_points p
WHERE p.user_id = workbench.bound_user();

-- The significant places of the promoted places model (docs/forge.md) and the stays at them.
CREATE OR REPLACE VIEW workbench.places WITH (security_barrier) AS
SELECT p.place_id, p.name, p.name_source, p.latitude AS lat, p.longitude AS lng, p.radius_m, p.visits,
       p.dwell_seconds, p.first_visit, p.last_visit
FROM analytics.places p
JOIN analytics.model_versions v ON v.user_id = p.user_id AND v.kind = 'places' AND v.version = p.version AND v.status = 'promoted'
WHERE p.user_id = workbench.bound_user();

CREATE OR REPLACE VIEW workbench.place_stays WITH (security_barrier) AS
SELECT s.place_id, s.name, s.arrived_at, s.left_at, s.left_at - s.arrived_at AS duration, s.latitude AS lat, s.longitude AS lng
FROM analytics.place_stays s
JOIN analytics.model_versions v ON v.user_id = s.user_id AND v.kind = 'places' AND v.version = s.version AND v.status = 'promoted'
WHERE s.user_id = workbench.bound_user();

-- Lineage: the imports and the files they read (each record's and fix's file_id points here).
CREATE OR REPLACE VIEW workbench.imports WITH (security_barrier) AS
SELECT j.import_id, j.status, j.paths, j.created_at, j.started_at, j.finished_at, j.summary
FROM imports.jobs j
WHERE j.user_id = workbench.bound_user();

CREATE OR REPLACE VIEW workbench.files WITH (security_barrier) AS
SELECT f.file_id, f.import_id, f.entry_key, f.source, f.path, f.format_id, f.variant, f.status,
       encode(f.content_hash, 'hex') AS sha256, f.bytes, f.counts, f.error, f.started_at, f.finished_at
FROM imports.files f
WHERE f.user_id = workbench.bound_user();

-- The uploaded tables, and their rows, which the workbench shows under each table's own name as a
-- temporary view of the query's transaction (Lake/Workbench/UserTableViews.cs).
CREATE OR REPLACE VIEW workbench.user_tables WITH (security_barrier) AS
SELECT t.table_id, t.name, t.file_name, t.format, t.columns, t.row_count, t.byte_count, t.created_at, t.updated_at
FROM user_data.user_tables t
WHERE t.user_id = workbench.bound_user();

CREATE OR REPLACE VIEW workbench.user_table_rows WITH (security_barrier) AS
SELECT r.table_id, r.row_number, r.row_values
FROM user_data.user_table_rows r
WHERE r.user_id = workbench.bound_user();

REVOKE ALL ON ALL TABLES IN SCHEMA workbench FROM PUBLIC;
GRANT SELECT ON workbench.records, workbench.place_visits, workbench.activity_segments, workbench.activity_events,
    workbench.youtube_watches, workbench.youtube_searches, workbench.browser_visits, workbench.fit_days, workbench.photos,
    workbench.calendar_events, workbench.contacts, workbench.emails, workbench.notes, workbench.plays, workbench.messages,
    workbench.fixes, workbench.places, workbench.place_stays, workbench.imports, workbench.files,
    workbench.user_tables, workbench.user_table_rows
    TO datapunk_workbench;

-- Limits on the login itself, beneath the ones each query sets: what a query may use, and that no
-- transaction of it writes unless it says so (the workbench's own begins READ WRITE to bind, then
-- turns read-only before the user's query). Query text is not tracked, so pg_stat_activity never
-- shows one user's SQL to another workbench session (the setting is a superuser's; a migrator that
-- is none leaves it, and docs/security.md says what that means). Changing a role needs CREATEROLE.
DO $$
DECLARE
    superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
BEGIN
    ALTER ROLE datapunk_workbench SET statement_timeout = '30s';
    ALTER ROLE datapunk_workbench SET idle_in_transaction_session_timeout = '60s';
    ALTER ROLE datapunk_workbench SET work_mem = '32MB';
    ALTER ROLE datapunk_workbench SET max_parallel_workers_per_gather = 0;
    ALTER ROLE datapunk_workbench SET default_transaction_read_only = on;
    IF superuser THEN
        ALTER ROLE datapunk_workbench SET temp_file_limit = '256MB';
        ALTER ROLE datapunk_workbench SET track_activities = off;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'datapunk_workbench''s limits were not set (the migrating role may not alter roles): set them as docs/security.md says';
END
$$;
