-- Lake: imports of personal data exports (docs/import.md) and the tables they fill
-- (docs/data-model.md explains every choice below).
--
-- Isolation: every table that holds a user's rows has row-level security keyed by user_id and
-- forced for the owner. Superusers bypass RLS, so the application switches to the NOLOGIN role
-- datapunk_app (SET LOCAL ROLE) and names the user (set_config('datapunk.user_id', …, true)) in
-- every transaction that touches personal rows. Without a user id the policies match nothing.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datapunk_app') THEN
        CREATE ROLE datapunk_app NOLOGIN;
    END IF;
END
$$;
GRANT datapunk_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA imports, user_data, timeseries TO datapunk_app;

-- The kinds of records, as the importer and the CLI name them (RecordKind in the code; kind 0 is
-- location fixes, which live in timeseries.location_points).
CREATE TABLE user_data.record_kinds (
    kind smallint PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO user_data.record_kinds (kind, name) VALUES
    (0, 'location_points'), (1, 'place_visits'), (2, 'activity_segments'), (3, 'activity_events'),
    (4, 'youtube_watches'), (5, 'youtube_searches'), (6, 'browser_visits'), (7, 'fit_days'), (8, 'photos'),
    (9, 'calendar_events'), (10, 'contacts'), (11, 'emails'), (12, 'keep_notes'), (13, 'spotify_plays'),
    (14, 'discord_messages');
GRANT SELECT ON user_data.record_kinds TO datapunk_app;

-- ---------------------------------------------------------------- imports: bookkeeping ---

-- One row per import: a listing mirror of the import job grain's state.
CREATE TABLE imports.jobs (
    import_id   uuid        PRIMARY KEY,
    user_id     text        NOT NULL,
    status      text        NOT NULL,
    paths       text[]      NOT NULL,
    -- Incremented by every run of the pipeline; a run's writes check it, so a run that lost its
    -- silo's ownership cannot write after its successor started.
    run_no      integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    summary     jsonb
);
CREATE INDEX jobs_by_user ON imports.jobs (user_id, created_at DESC);

-- One row per archive entry (file) an import saw, whatever became of it: the import report.
-- file_id is what every stored record points to as its provenance.
CREATE TABLE imports.files (
    file_id      bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    import_id    uuid        NOT NULL,
    entry_key    text        NOT NULL,
    user_id      text        NOT NULL,
    source       text        NOT NULL,
    path         text        NOT NULL,
    format_id    text,
    variant      text,
    status       text        NOT NULL
        CHECK (status IN ('importing', 'imported', 'skipped', 'failed', 'rejected', 'unchanged')),
    content_hash bytea,
    bytes        bigint,
    -- {"read": {kind: n}, "inserted": {kind: n}, "duplicates": n}
    counts       jsonb,
    error        text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    PRIMARY KEY (import_id, entry_key)
);

-- Entries already imported, by content: a re-import finds an entry here and skips it as
-- "unchanged" after hashing it, without parsing or merging. (byte_length, head_hash) is the
-- cheap pre-check that decides whether hashing alone is worth it.
CREATE TABLE imports.entry_ledger (
    user_id         text        NOT NULL,
    content_hash    bytea       NOT NULL,
    byte_length     bigint      NOT NULL,
    head_hash       bytea       NOT NULL,
    format_id       text        NOT NULL,
    records         bigint      NOT NULL,
    first_import_id uuid        NOT NULL,
    first_file_id   bigint      NOT NULL,
    imported_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, content_hash)
);
CREATE INDEX entry_ledger_precheck ON imports.entry_ledger (user_id, byte_length, head_hash);

-- What each merged chunk of an entry stored, written in the chunk's merge transaction: after a
-- crash the job re-reads the entry and skips the chunks listed here (exactly once).
CREATE TABLE imports.entry_chunks (
    file_id   bigint      NOT NULL,
    chunk_no  integer     NOT NULL,
    import_id uuid        NOT NULL,
    user_id   text        NOT NULL,
    read      jsonb       NOT NULL,
    inserted  jsonb       NOT NULL,
    merged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, chunk_no)
);
CREATE INDEX entry_chunks_by_import ON imports.entry_chunks (import_id);

-- Schema drift: fields a reader met in a file it knows but does not understand.
CREATE TABLE imports.unknown_fields (
    import_id  uuid   NOT NULL,
    entry_key  text   NOT NULL,
    field_path text   NOT NULL,
    user_id    text   NOT NULL,
    file_id    bigint NOT NULL,
    example    text,
    PRIMARY KEY (import_id, entry_key, field_path)
);

-- ---------------------------------------------------------------- imports: staging ---

-- Parsed rows on their way to the user's tables live in one UNLOGGED table per chunk
-- (imports.sl_<import>_<stage> for fixes, imports.sr_<import>_<stage> for other records), filled
-- by binary COPY, merged, and dropped: measured three times cheaper than a shared staging table
-- with an index, a DELETE per chunk and the vacuuming after it (docs/data-model.md). A crash
-- only loses rows the job re-reads anyway. No row-level security on them: COPY FROM refuses
-- tables with RLS, so they stay owner-only except for SELECT by datapunk_app, and every merge
-- copies rows into the RLS-protected tables under the user's id, which the policies check.
CREATE SEQUENCE imports.stage_ids;
ALTER DEFAULT PRIVILEGES IN SCHEMA imports GRANT SELECT ON TABLES TO datapunk_app;

-- ---------------------------------------------------------------- the user's data ---

-- Timestamped position fixes, partitioned by month of time. Partitions are created on demand by
-- the importer (under an advisory lock); the GiST index on position (as geometry, which PostGIS
-- can bulk-build sorted) is built per partition after a bulk load instead of being maintained
-- row by row (docs/data-model.md has the figures).
CREATE TABLE timeseries.location_points (
    user_id      text        NOT NULL,
    time         timestamptz NOT NULL,
    lat_e7       integer     NOT NULL,
    lng_e7       integer     NOT NULL,
    accuracy_m   integer,
    altitude_m   integer,
    velocity_mps integer,
    heading      integer,
    source       text,
    file_id      bigint      NOT NULL,
    position     geography(Point, 4326) NOT NULL,
    CONSTRAINT location_points_identity UNIQUE (user_id, time, lat_e7, lng_e7)
) PARTITION BY RANGE (time);
CREATE INDEX location_points_time ON timeseries.location_points USING brin (time);

-- Every other record: visits, segments, activity, plays, mail, notes, … Typed columns for what
-- the timeline, map and search use; the source fields as jsonb.
CREATE TABLE user_data.records (
    user_id     text        NOT NULL,
    -- user_data.record_kinds names the values; no foreign key, which would cost a lookup per inserted row.
    kind        smallint    NOT NULL,
    identity    text        NOT NULL,
    occurred_at timestamptz,
    ended_at    timestamptz,
    title       text,
    body        text,
    url         text,
    position    geography(Point, 4326),
    source      jsonb,
    file_id     bigint      NOT NULL,
    CONSTRAINT records_identity UNIQUE (user_id, kind, identity)
);
CREATE INDEX records_timeline ON user_data.records (user_id, kind, occurred_at);
CREATE INDEX records_title_trigram ON user_data.records USING gin (title gin_trgm_ops);
CREATE INDEX records_position ON user_data.records USING gist ((position::geometry)) WHERE position IS NOT NULL;

-- ---------------------------------------------------------------- row-level security ---

ALTER TABLE imports.jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY jobs_owner ON imports.jobs
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE imports.files ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.files FORCE ROW LEVEL SECURITY;
CREATE POLICY files_owner ON imports.files
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE imports.entry_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.entry_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY entry_ledger_owner ON imports.entry_ledger
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE imports.entry_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.entry_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY entry_chunks_owner ON imports.entry_chunks
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE imports.unknown_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.unknown_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY unknown_fields_owner ON imports.unknown_fields
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE timeseries.location_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeseries.location_points FORCE ROW LEVEL SECURITY;
CREATE POLICY location_points_owner ON timeseries.location_points
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE user_data.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.records FORCE ROW LEVEL SECURITY;
CREATE POLICY records_owner ON user_data.records
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

-- datapunk_app reaches partitions only through their parent, whose policy applies; it has no
-- privileges on the partitions themselves.
GRANT SELECT, INSERT, UPDATE ON imports.jobs, imports.files, imports.entry_ledger, imports.entry_chunks,
    imports.unknown_fields TO datapunk_app;
GRANT SELECT, INSERT, DELETE ON timeseries.location_points, user_data.records TO datapunk_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA imports TO datapunk_app;
