-- Forge: the registry of each user's models (docs/forge.md). A model is one kind of learned
-- summary of a user's data (significant places, home/work and routines, anomalous days); every
-- training run makes a version, which becomes ready, is promoted (the one the API serves) and is
-- later retired by a newer promotion or a rollback. Personal rows, so row-level security as in
-- every table of user_data (migration 0002).

GRANT USAGE ON SCHEMA analytics TO datapunk_app;

-- One row per (user, kind): the run number fences training runs, as imports.jobs.run_no fences
-- import runs. A run takes the next number FOR UPDATE; its results are written only in a
-- transaction that still finds its own number, so a run that lost its silo (or a duplicate
-- activation's) can never write, let alone promote, after its successor started.
CREATE TABLE analytics.model_slots (
    user_id text    NOT NULL,
    kind    text    NOT NULL,
    run_no  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, kind)
);

-- One row per training run; the version is the run's number.
CREATE TABLE analytics.model_versions (
    user_id     text        NOT NULL,
    kind        text        NOT NULL,
    version     integer     NOT NULL,
    status      text        NOT NULL CHECK (status IN ('training', 'ready', 'failed', 'promoted', 'retired')),
    parameters  jsonb       NOT NULL DEFAULT '{}',
    -- The span of the data the version was trained on.
    data_from   timestamptz,
    data_to     timestamptz,
    metrics     jsonb       NOT NULL DEFAULT '{}',
    -- What asked for the run (import, on demand, a dependency) and the silo that ran it.
    reason      text        NOT NULL,
    trained_by  text        NOT NULL,
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    promoted_at timestamptz,
    -- Places only: the last of the user's edits (analytics.place_edits.edit_no) applied to this version.
    edits_applied bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, kind, version)
);
-- At most one promoted version per model: promotion and rollback swap it in one transaction.
CREATE UNIQUE INDEX model_versions_promoted ON analytics.model_versions (user_id, kind) WHERE status = 'promoted';

-- ------------------------------------------------------------- significant places ---

-- The places of a version: stays (from fixes and the export's own visits) clustered by distance.
-- A place keeps its id across versions when it is where a place of the previous version was.
CREATE TABLE analytics.places (
    user_id       text        NOT NULL,
    version       integer     NOT NULL,
    place_id      uuid        NOT NULL,
    name          text,
    -- Where the name came from: the export's visits, the gazetteer, the user (an edit), or none.
    name_source   text        NOT NULL CHECK (name_source IN ('export', 'gazetteer', 'user', 'none')),
    latitude      float8      NOT NULL,
    longitude     float8      NOT NULL,
    radius_m      float8      NOT NULL,
    visits        integer     NOT NULL,
    dwell_seconds bigint      NOT NULL,
    first_visit   timestamptz NOT NULL,
    last_visit    timestamptz NOT NULL,
    PRIMARY KEY (user_id, version, place_id)
);

-- The stays each place of a version is made of: what visit counts, dwell, splits and routines are computed from.
CREATE TABLE analytics.place_stays (
    user_id    text        NOT NULL,
    version    integer     NOT NULL,
    place_id   uuid        NOT NULL,
    arrived_at timestamptz NOT NULL,
    left_at    timestamptz NOT NULL,
    latitude   float8      NOT NULL,
    longitude  float8      NOT NULL,
    -- The name an export's visit gave this stay; null for stays found in fixes.
    name       text
);
CREATE INDEX place_stays_by_place ON analytics.place_stays (user_id, version, place_id, arrived_at);

-- The user's edits of places, kept apart from any version and applied again, in order, to every
-- new version: a place is found again by where it was (anchor), not by id.
CREATE TABLE analytics.place_edits (
    user_id         text        NOT NULL,
    edit_no         bigint      GENERATED ALWAYS AS IDENTITY,
    operation       text        NOT NULL CHECK (operation IN ('rename', 'merge', 'split_time', 'split_distance')),
    latitude        float8      NOT NULL,
    longitude       float8      NOT NULL,
    -- merge: where the place merged into the first one was.
    other_latitude  float8,
    other_longitude float8,
    name            text,
    split_at        timestamptz,
    split_radius_m  float8,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, edit_no)
);

-- ------------------------------------------------------------- home, work, routines ---

-- One document per version: home and work with their confidence and evidence, and weekly routines.
CREATE TABLE analytics.routines (
    user_id  text    NOT NULL,
    version  integer NOT NULL,
    document jsonb   NOT NULL,
    PRIMARY KEY (user_id, version)
);

-- ------------------------------------------------------------- anomalies ---

-- Every local day of a version's window with its features; flagged days carry a score and reasons.
CREATE TABLE analytics.day_features (
    user_id   text    NOT NULL,
    version   integer NOT NULL,
    day       date    NOT NULL,
    -- The zone the days are local to: the user's when the version was trained.
    time_zone text    NOT NULL,
    features  jsonb   NOT NULL,
    score     float8,
    reasons   jsonb,
    PRIMARY KEY (user_id, version, day)
);

-- ------------------------------------------------------------- row-level security ---

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['model_slots', 'model_versions', 'places', 'place_stays', 'place_edits', 'routines', 'day_features']
    LOOP
        EXECUTE format('ALTER TABLE analytics.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE analytics.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON analytics.%I
            USING (user_id = current_setting('datapunk.user_id', true))
            WITH CHECK (user_id = current_setting('datapunk.user_id', true))$p$, t || '_owner', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON analytics.%I TO datapunk_app', t);
    END LOOP;
END
$$;
