-- Deleting an export (docs/catalog.md, "Deleting an export"): a source file whose stored rows were
-- deleted keeps its row in imports.files (the import's report, and the provenance a re-read of the
-- files that shared its records points past), marked with when its deletion finished. Until then a
-- deletion that stopped half-way is found again from the file's matches and finished by running it
-- again. The table's row-level security and privileges (UPDATE for datapunk_app, 0002) cover the column.
ALTER TABLE imports.files ADD COLUMN IF NOT EXISTS deleted_at timestamptz;

-- The SQL workbench's cached results are keyed by this version of the user's data: a deletion stores
-- no file and no chunk, so the version counts when files were deleted too (otherwise a cached result
-- would still show deleted rows). As 0042 otherwise.
CREATE OR REPLACE FUNCTION workbench.data_version() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT concat_ws(':',
        (SELECT concat_ws('.', count(*), max(file_id), extract(epoch FROM max(coalesce(finished_at, started_at)))::numeric(20, 6),
                extract(epoch FROM max(deleted_at))::numeric(20, 6))
           FROM imports.files WHERE user_id = workbench.bound_user()),
        (SELECT count(*) FROM imports.entry_chunks WHERE user_id = workbench.bound_user()),
        (SELECT concat_ws('.', count(*), sum(row_count), max(table_id), extract(epoch FROM max(updated_at))::numeric(20, 6))
           FROM user_data.user_tables WHERE user_id = workbench.bound_user()),
        (SELECT max(version) FROM analytics.model_versions
          WHERE user_id = workbench.bound_user() AND kind = 'places' AND status = 'promoted'));
$$;
