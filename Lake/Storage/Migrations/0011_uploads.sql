-- Uploads: archives arriving by the tus protocol (docs/api.md, "Uploads"). The bytes live in the
-- spool (a folder every silo reads, one file per upload, named by its id under the user's folder);
-- this row is the upload's state, so that any silo can continue it. Personal data (the file name
-- the user gave): row-level security by user id, like every other table of the schema.

CREATE TABLE IF NOT EXISTS imports.uploads (
    upload_id    uuid        PRIMARY KEY,
    user_id      text        NOT NULL,
    length       bigint      NOT NULL CHECK (length >= 0),
    -- Bytes flushed to the spool file: never more than were written and synced to disk.
    received     bigint      NOT NULL DEFAULT 0,
    file_name    text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- When an unfinished (or finished but never imported) upload is removed; null while an import
    -- reads it, and for originals kept after their import.
    expires_at   timestamptz,
    completed_at timestamptz,
    -- The import that read (or reads) it.
    import_id    uuid,
    -- The fence of concurrent PATCHes: the writer holding the upload, until when. A writer that
    -- lost its lease (a stalled or killed silo) can no longer move the offset.
    writer       uuid,
    writer_until timestamptz,
    CONSTRAINT uploads_received_within_length CHECK (received BETWEEN 0 AND length)
);
CREATE INDEX IF NOT EXISTS uploads_by_user ON imports.uploads (user_id, created_at);
CREATE INDEX IF NOT EXISTS uploads_by_expiry ON imports.uploads (expires_at) WHERE expires_at IS NOT NULL;

ALTER TABLE imports.uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.uploads FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS uploads_owner ON imports.uploads;
CREATE POLICY uploads_owner ON imports.uploads
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON imports.uploads TO datapunk_app;

-- The sweeper of expired uploads works for every user, but under each user's own id: this
-- function, owned by the migrating role, shows it only which uploads expired and whose they are,
-- never their contents; it then deletes each under its owner's id. The policy below lets the
-- owning role see expired rows even where it does not bypass row-level security (FORCE applies to
-- owners); datapunk_app is not a member of it, so application transactions never match it.
DROP POLICY IF EXISTS uploads_expired_for_sweeper ON imports.uploads;
CREATE POLICY uploads_expired_for_sweeper ON imports.uploads FOR SELECT TO CURRENT_USER
    USING (expires_at < now());
CREATE OR REPLACE FUNCTION imports.expired_uploads(as_of timestamptz, most integer)
    RETURNS TABLE (user_id text, upload_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, imports
AS $$
    SELECT u.user_id, u.upload_id FROM imports.uploads u
    WHERE u.expires_at < as_of
    ORDER BY u.expires_at
    LIMIT most
$$;
REVOKE ALL ON FUNCTION imports.expired_uploads(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imports.expired_uploads(timestamptz, integer) TO datapunk_app;
