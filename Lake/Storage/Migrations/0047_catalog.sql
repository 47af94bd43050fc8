-- The catalog (docs/catalog.md): what a person holds, as datasets with their schema, quality and PII
-- found, and each dataset's schema versions and quality over time. Written by the user's catalog
-- grain after imports, polls and live batches (Lake/Catalog/CatalogRefresher): one refresh computes
-- everything, then replaces the snapshot in one transaction, so a crash mid-refresh leaves the last
-- complete one. Personal data (examples, failing rows, PII counts): row-level security by user id
-- like every user_data table, and erasure deletes it (it finds tables by their user_id column).

-- One row per refresh: asked for (requested_at) and, when it completed, its figures. A refresh asked
-- for and not finished is what the grain resumes after a silo is lost.
CREATE TABLE IF NOT EXISTS user_data.catalog_refreshes (
    user_id      text        NOT NULL,
    refresh_no   bigint      NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    reason       text        NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    elapsed_ms   integer,
    datasets     integer,
    PRIMARY KEY (user_id, refresh_no)
);

-- The datasets of the last complete refresh. dataset is the catalog's name for it ("fixes:google.location.records",
-- "records:google.location.semantic:place_visits", "table:bank", "gold:places"); summary holds the figures the
-- catalog lists (rows, span, files, last update, quality scores, PII counts) and detail the rest
-- (fields with examples, quality per dimension with failing rows, PII per field, sources).
CREATE TABLE IF NOT EXISTS user_data.catalog_datasets (
    user_id     text        NOT NULL,
    dataset     text        NOT NULL,
    zone        text        NOT NULL CHECK (zone IN ('bronze', 'silver', 'gold')),
    refresh_no  bigint      NOT NULL,
    summary     jsonb       NOT NULL,
    detail      jsonb       NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, dataset)
);

-- A dataset's schema each time it changed: the fields (name and type) and the refresh that saw it first.
CREATE TABLE IF NOT EXISTS user_data.catalog_schema_versions (
    user_id     text        NOT NULL,
    dataset     text        NOT NULL,
    version     integer     NOT NULL,
    fields      jsonb       NOT NULL,
    fields_hash text        NOT NULL,
    seen_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, dataset, version)
);

-- Quality scores per refresh and dataset, for the trend (the failing rows of the last refresh are in detail).
CREATE TABLE IF NOT EXISTS user_data.catalog_quality_history (
    user_id     text        NOT NULL,
    dataset     text        NOT NULL,
    refresh_no  bigint      NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    scores      jsonb       NOT NULL,
    PRIMARY KEY (user_id, dataset, refresh_no)
);

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['catalog_refreshes', 'catalog_datasets', 'catalog_schema_versions', 'catalog_quality_history']
    LOOP
        EXECUTE format('ALTER TABLE user_data.%I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('ALTER TABLE user_data.%I FORCE ROW LEVEL SECURITY', name);
        EXECUTE format('DROP POLICY IF EXISTS %I ON user_data.%I', name || '_owner', name);
        EXECUTE format('CREATE POLICY %I ON user_data.%I USING (user_id = current_setting(''datapunk.user_id'', true)) '
                       'WITH CHECK (user_id = current_setting(''datapunk.user_id'', true))', name || '_owner', name);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.%I TO datapunk_app', name);
    END LOOP;
END
$$;
