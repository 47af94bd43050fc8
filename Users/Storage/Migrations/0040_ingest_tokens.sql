-- Ingest tokens (docs/sources.md, "OwnTracks and Overland (live location)"): what a phone's tracker
-- app holds to post its user's location fixes to /ingest/owntracks or /ingest/overland, and nothing
-- else. A table of their own rather than a scope of auth.access_tokens: no route but the ingest
-- endpoints ever looks here, so an ingest token cannot read or change anything even by mistake.
-- The secret is shown once; its SHA-256 is kept. Like the access tokens they are looked up before
-- the caller is known (by the token id), so they carry no row-level security; an erased account's
-- tokens go with it (ON DELETE CASCADE).
CREATE TABLE auth.ingest_tokens (
    token_id     uuid        PRIMARY KEY,
    user_id      text        NOT NULL REFERENCES auth.accounts (user_id) ON DELETE CASCADE,
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX ingest_tokens_by_user ON auth.ingest_tokens (user_id, created_at DESC);

-- DELETE for erasure, which deletes the user's rows from every table with a user_id (UserDataTables).
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.ingest_tokens TO datapunk_app;
