-- The imports of every user as an operator sees them (docs/api.md, "Imports across users"): when,
-- in what state, how many files, bytes and records, how fast, and how many errors, never what was
-- imported (no paths, file names, error texts or counts by kind). imports.jobs is under row-level
-- security by user, so this is a security-definer function returning only those fields; the silo's
-- role may call it, and the API lets only administrators reach it. Polls and live location, which
-- keep a row in imports.jobs with no import summary, are not imports and are left out.

CREATE OR REPLACE FUNCTION imports.imports_overview(most integer, before_created timestamptz, before_id uuid)
    RETURNS TABLE (
        import_id uuid, user_id text, status text, created_at timestamptz, started_at timestamptz, finished_at timestamptz,
        files_total bigint, files_done bigint, files_failed bigint, bytes_done bigint, bytes_total bigint,
        records bigint, duplicates bigint, errors integer, seconds double precision, peak_memory_bytes bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, imports
AS $$
    SELECT j.import_id, j.user_id, j.status, j.created_at, j.started_at, j.finished_at,
           (j.summary #>> '{files,total}')::bigint, (j.summary #>> '{files,done}')::bigint, (j.summary #>> '{files,failed}')::bigint,
           (j.summary ->> 'bytesDone')::bigint, (j.summary ->> 'bytesTotal')::bigint,
           (SELECT coalesce(sum(r.value::bigint), 0)::bigint FROM jsonb_each_text(coalesce(j.summary -> 'records', '{}')) AS r),
           (j.summary ->> 'duplicates')::bigint,
           coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(j.summary -> 'errors') = 'array' THEN j.summary -> 'errors' END), 0),
           (j.summary ->> 'seconds')::double precision, (j.summary ->> 'peakMemoryBytes')::bigint
    FROM imports.jobs j
    WHERE j.summary IS NOT NULL
      AND (before_created IS NULL OR (j.created_at, j.import_id) < (before_created, before_id))
    ORDER BY j.created_at DESC, j.import_id DESC
    LIMIT most
$$;
REVOKE ALL ON FUNCTION imports.imports_overview(integer, timestamptz, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imports.imports_overview(integer, timestamptz, uuid) TO datapunk_app;

CREATE INDEX IF NOT EXISTS jobs_newest ON imports.jobs (created_at DESC, import_id DESC) WHERE summary IS NOT NULL;
