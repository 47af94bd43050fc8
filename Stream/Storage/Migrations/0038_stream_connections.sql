-- Stream (docs/sources.md): live sources a user connected over OAuth, polled by their connection
-- grains. Personal data (the account at the provider, the cursor, errors): row-level security by
-- user id like every other user_data table. Tokens are not here: they are secrets, encrypted with
-- Data Protection in user_data.secrets (SecretStore).

CREATE TABLE IF NOT EXISTS user_data.connections (
    user_id      text        NOT NULL,
    provider     text        NOT NULL,
    -- The account id the provider gave (Spotify: GET /v1/me's id).
    account      text        NOT NULL,
    display_name text,
    status       text        NOT NULL DEFAULT 'connected'
        CHECK (status IN ('connected', 'syncing', 'failing', 'reauthorize', 'disconnected')),
    paused       boolean     NOT NULL DEFAULT false,
    -- The provider's incremental position (an "after" time, a sync token, a page link), per stream.
    cursor       jsonb       NOT NULL DEFAULT '{}',
    -- The imports.jobs row every poll page's imports.files row belongs to: the lineage of polled records.
    import_id    uuid        NOT NULL,
    polls        bigint      NOT NULL DEFAULT 0,
    records      bigint      NOT NULL DEFAULT 0,
    last_poll    timestamptz,
    last_success timestamptz,
    last_error   text,
    last_error_at timestamptz,
    failures     integer     NOT NULL DEFAULT 0,
    next_poll    timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, provider, account)
);

ALTER TABLE user_data.connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.connections FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS connections_owner ON user_data.connections;
CREATE POLICY connections_owner ON user_data.connections
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.connections TO datapunk_app;

-- OAuth authorizations begun and not yet completed. The state sent to the provider is a random
-- 256-bit value; only its SHA-256 is stored, so a database reader cannot complete anyone's flow.
-- The PKCE code verifier must be sent to the token endpoint, so it is kept, encrypted with Data
-- Protection for this user. A row is consumed by its first callback (single use) and is void after
-- expires_at.
CREATE TABLE IF NOT EXISTS user_data.pending_authorizations (
    state_hash   bytea       PRIMARY KEY,
    user_id      text        NOT NULL,
    provider     text        NOT NULL,
    verifier     bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_authorizations_by_user ON user_data.pending_authorizations (user_id);

ALTER TABLE user_data.pending_authorizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.pending_authorizations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pending_authorizations_owner ON user_data.pending_authorizations;
CREATE POLICY pending_authorizations_owner ON user_data.pending_authorizations
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, DELETE ON user_data.pending_authorizations TO datapunk_app;

-- The callback arrives from the browser the provider redirected, without the user's credentials: the
-- state alone names the authorization, and with it the user. This function, owned by the migrating
-- role, consumes the row whose state hashes to the given value (deleting it, so a second callback
-- finds nothing) and returns it; expired rows it meets are deleted and not returned. The policy lets
-- the owning role reach rows by state; datapunk_app is not a member of it.
DROP POLICY IF EXISTS pending_authorizations_by_state ON user_data.pending_authorizations;
CREATE POLICY pending_authorizations_by_state ON user_data.pending_authorizations TO CURRENT_USER
    USING (true) WITH CHECK (true);
CREATE OR REPLACE FUNCTION user_data.consume_pending_authorization(hash bytea)
    RETURNS TABLE (user_id text, provider text, verifier bytea, expired boolean)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, user_data
AS $$
    DELETE FROM user_data.pending_authorizations p
    WHERE p.state_hash = hash
    RETURNING p.user_id, p.provider, p.verifier, p.expires_at < now()
$$;
REVOKE ALL ON FUNCTION user_data.consume_pending_authorization(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_data.consume_pending_authorization(bytea) TO datapunk_app;
