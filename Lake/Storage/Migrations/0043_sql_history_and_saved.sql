-- The SQL workbench's history (the queries a user ran, newest kept) and saved queries (named by the
-- user). Personal data: row-level security by user id like every user_data table, written and read by
-- the silos' login under the user's scope (never by the workbench's login, which may not write).

CREATE TABLE IF NOT EXISTS user_data.sql_history (
    history_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     text        NOT NULL,
    sql         text        NOT NULL,
    ran_at      timestamptz NOT NULL DEFAULT now(),
    elapsed_ms  integer     NOT NULL,
    row_count   integer     NOT NULL,
    truncated   boolean     NOT NULL,
    cached      boolean     NOT NULL,
    unmasked    boolean     NOT NULL,
    -- PostgreSQL's message when the query failed.
    error       text
);
CREATE INDEX IF NOT EXISTS sql_history_by_user ON user_data.sql_history (user_id, history_id DESC);

CREATE TABLE IF NOT EXISTS user_data.sql_saved (
    saved_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     text        NOT NULL,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sql         text        NOT NULL CHECK (length(sql) BETWEEN 1 AND 100000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sql_saved_name UNIQUE (user_id, name)
);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['sql_history', 'sql_saved']
    LOOP
        EXECUTE format('ALTER TABLE user_data.%I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE user_data.%I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('DROP POLICY IF EXISTS %I ON user_data.%I', name || '_owner', name);
        EXECUTE format('CREATE POLICY %I ON user_data.%I USING (user_id = current_setting(''datapunk.user_id'', true)) '
                       'WITH CHECK (user_id = current_setting(''datapunk.user_id'', true))', name || '_owner', name);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.sql_history, user_data.sql_saved TO datapunk_app;
