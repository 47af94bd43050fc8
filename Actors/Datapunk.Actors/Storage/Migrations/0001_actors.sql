-- The actor runtime's tables: membership, partition leases, grain state, reminders and the
-- activation history used by ownership audits. Every row is scoped by cluster id so that several
-- clusters (or test runs) can share one database.
CREATE SCHEMA IF NOT EXISTS actors;

CREATE TABLE IF NOT EXISTS actors.silos (
    cluster_id       text        NOT NULL,
    silo_id          text        NOT NULL,
    address          text        NOT NULL,
    gateway_url      text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    heartbeat_at     timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dead', 'stopped')),
    ended_at         timestamptz,
    declared_dead_by text,
    PRIMARY KEY (cluster_id, silo_id)
);

CREATE TABLE IF NOT EXISTS actors.partition_leases (
    cluster_id    text        NOT NULL,
    partition     integer     NOT NULL,
    owner         text,
    owner_address text,
    epoch         bigint      NOT NULL DEFAULT 0,
    expires_at    timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (cluster_id, partition)
);

CREATE TABLE IF NOT EXISTS actors.grain_state (
    cluster_id text        NOT NULL,
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    state_name text        NOT NULL,
    partition  integer     NOT NULL,
    payload    jsonb       NOT NULL,
    etag       bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, grain_type, grain_key, state_name)
);

CREATE TABLE IF NOT EXISTS actors.reminders (
    cluster_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    partition     integer     NOT NULL,
    first_due_at  timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    period        interval    NOT NULL,
    PRIMARY KEY (cluster_id, grain_type, grain_key, reminder_name)
);

CREATE INDEX IF NOT EXISTS reminders_due ON actors.reminders (cluster_id, partition, due_at);

CREATE TABLE IF NOT EXISTS actors.activation_history (
    id          bigserial   PRIMARY KEY,
    cluster_id  text        NOT NULL,
    grain       text        NOT NULL,
    silo_id     text        NOT NULL,
    partition   integer     NOT NULL,
    epoch       bigint      NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    stopped_at  timestamptz,
    stop_reason text
);

CREATE INDEX IF NOT EXISTS activation_history_grain ON actors.activation_history (cluster_id, grain, started_at);
