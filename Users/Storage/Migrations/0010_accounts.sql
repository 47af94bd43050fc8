-- Accounts, sign-in and tokens (docs/security.md).
--
-- Credentials live in schema auth: account roles, password hashes, token and session hashes, never
-- a secret in clear. They are looked up before the caller is known (sign-in by name, a token by its
-- id), so they carry no row-level security; the only personal data here is the user id.
-- Profiles (display name, e-mail) are personal data: user_data.profiles, under row-level security.
CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO datapunk_app;

CREATE TABLE auth.accounts (
    user_id          text        PRIMARY KEY,
    role             text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    -- ASP.NET Core Identity's password hash (PBKDF2); null until a password is set.
    password_hash    text,
    failed_sign_ins  integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
-- At most one owner: the account `./datapunk up` creates on first run.
CREATE UNIQUE INDEX accounts_one_owner ON auth.accounts ((true)) WHERE role = 'owner';

-- Personal access tokens: the secret is shown once; its SHA-256 is kept.
CREATE TABLE auth.access_tokens (
    token_id     uuid        PRIMARY KEY,
    user_id      text        NOT NULL REFERENCES auth.accounts (user_id) ON DELETE CASCADE,
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX access_tokens_by_user ON auth.access_tokens (user_id, created_at DESC);

-- Signed-in sessions: each holds a refresh secret (hashed) that renews the short-lived JWT.
CREATE TABLE auth.sessions (
    session_id     uuid        PRIMARY KEY,
    user_id        text        NOT NULL REFERENCES auth.accounts (user_id) ON DELETE CASCADE,
    refresh_hash   bytea       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    client         text,
    revoked_at     timestamptz
);
CREATE INDEX sessions_by_user ON auth.sessions (user_id, created_at DESC);

-- One-time sign-in links (the owner's first sign-in): the code's SHA-256, used at most once.
CREATE TABLE auth.sign_in_links (
    code_hash  bytea       PRIMARY KEY,
    user_id    text        NOT NULL REFERENCES auth.accounts (user_id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

GRANT SELECT, INSERT, UPDATE, DELETE ON auth.accounts, auth.access_tokens, auth.sessions, auth.sign_in_links TO datapunk_app;

CREATE TABLE user_data.profiles (
    user_id      text        PRIMARY KEY,
    display_name text        NOT NULL,
    email        text,
    time_zone    text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE user_data.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY profiles_owner ON user_data.profiles
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.profiles TO datapunk_app;
