-- Whether personal identifiers are masked in what a user's questions send to a language-model server
-- (docs/cortex.md, "What the model server sees"). Masked unless the user turned it off for that server:
-- a row exists only for a choice the user made. The endpoint is the configured Cortex:Chat:Endpoint as
-- an absolute URL, so a choice made for one server does not carry over to another the operator
-- configures later.
CREATE TABLE IF NOT EXISTS user_data.model_server_masking (
    user_id    text        NOT NULL,
    endpoint   text        NOT NULL,
    mask_pii   boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, endpoint)
);

ALTER TABLE user_data.model_server_masking ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.model_server_masking FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS model_server_masking_owner ON user_data.model_server_masking;
CREATE POLICY model_server_masking_owner ON user_data.model_server_masking
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.model_server_masking TO datapunk_app;
