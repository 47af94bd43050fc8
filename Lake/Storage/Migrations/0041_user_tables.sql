-- Tables a person uploads (CSV, JSON / JSON Lines, Parquet, Excel: docs/catalog.md). Each is one
-- row in user_data.user_tables describing its columns, and its rows in user_data.user_table_rows as
-- jsonb objects keyed by column name, typed as the columns say (the upload validated every value
-- against its column's type). The SQL workbench shows each table under its name as a typed view
-- made for the one query it runs, so no DDL runs per upload and no table exists per user.
-- Personal data: row-level security by user id like every other user_data table.

CREATE TABLE IF NOT EXISTS user_data.user_tables (
    table_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     text        NOT NULL,
    -- The name the user queries it by: a lower-case SQL identifier, unique per user.
    name        text        NOT NULL CHECK (name ~ '^[a-z_][a-z0-9_]{0,62}$'),
    -- The uploaded file's name, as given.
    file_name   text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('csv', 'json', 'jsonl', 'parquet', 'xlsx', 'xls')),
    -- [{"name": "amount", "type": "numeric", "source": "Amount (EUR)"}, …] in the file's order; the
    -- types are text, bigint, double precision, numeric, boolean, date, timestamptz.
    columns     jsonb       NOT NULL,
    row_count   bigint      NOT NULL DEFAULT 0,
    byte_count  bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_tables_name UNIQUE (user_id, name)
);

CREATE TABLE IF NOT EXISTS user_data.user_table_rows (
    user_id     text   NOT NULL,
    table_id    bigint NOT NULL REFERENCES user_data.user_tables (table_id) ON DELETE CASCADE,
    -- 1-based, in the file's order.
    row_number  bigint NOT NULL,
    row_values  jsonb  NOT NULL,
    PRIMARY KEY (table_id, row_number)
);
CREATE INDEX IF NOT EXISTS user_table_rows_by_user ON user_data.user_table_rows (user_id, table_id);

ALTER TABLE user_data.user_tables ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.user_tables FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS user_tables_owner ON user_data.user_tables;
CREATE POLICY user_tables_owner ON user_data.user_tables
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE user_data.user_table_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.user_table_rows FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS user_table_rows_owner ON user_data.user_table_rows;
CREATE POLICY user_table_rows_owner ON user_data.user_table_rows
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.user_tables, user_data.user_table_rows TO datapunk_app;
