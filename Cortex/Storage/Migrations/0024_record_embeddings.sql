-- Semantic search (Cortex, docs/cortex.md "Search"): one vector per record and embedding model.
--
-- The models that made vectors, by name (such as 'minilm-l6-v2', or 'openai:<model>' for an
-- OpenAI-compatible endpoint). Each has its own HNSW index, a partial index over its rows created
-- by the application when the model first stores a vector (EmbeddingModels), because a model's
-- vectors have its own dimension and pgvector indexes one dimension per index.
CREATE TABLE IF NOT EXISTS vectors.embedding_models (
    model_id   smallint    GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    dimensions integer     NOT NULL CHECK (dimensions BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vectors.embedding_models IS 'datapunk:erasure=no-user-data (model names and dimensions only)';

-- text_hash: SHA-256 of the text that was embedded (EmbeddableText), so a record whose text did
-- not change is not embedded again. Upserts are keyed by (user, model, kind, identity): two
-- workers embedding the same record (a duplicate activation) write the same row.
CREATE TABLE IF NOT EXISTS vectors.record_embeddings (
    user_id     text        NOT NULL,
    model_id    smallint    NOT NULL,
    kind        smallint    NOT NULL,
    identity    text        NOT NULL,
    text_hash   bytea       NOT NULL,
    embedding   vector      NOT NULL,
    embedded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, model_id, kind, identity)
);

-- The embedding work of each user and model (EmbeddingProgress), kept here so that it survives a
-- silo crash and any silo resumes it: pending while records may lack vectors; the pass's position
-- in (kind, identity) order; when a pass last found nothing left to embed. A model serves a user's
-- semantic search once it covers the user (covered_at set): until then the model before it does,
-- so switching models never leaves search without vectors.
CREATE TABLE IF NOT EXISTS vectors.embedding_progress (
    user_id         text        NOT NULL,
    model_id        smallint    NOT NULL,
    pending         boolean     NOT NULL DEFAULT true,
    -- Incremented by each request for embedding (after an import): a batch that read an older
    -- generation does not move the cursor or end the pass, so no request is lost to a race.
    generation      integer     NOT NULL DEFAULT 0,
    cursor_kind     smallint,
    cursor_identity text,
    covered_at      timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, model_id)
);

ALTER TABLE vectors.record_embeddings ENABLE ROW LEVEL SECURITY;
ALTER TABLE vectors.record_embeddings FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS record_embeddings_owner ON vectors.record_embeddings;
CREATE POLICY record_embeddings_owner ON vectors.record_embeddings
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

ALTER TABLE vectors.embedding_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE vectors.embedding_progress FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS embedding_progress_owner ON vectors.embedding_progress;
CREATE POLICY embedding_progress_owner ON vectors.embedding_progress
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

GRANT USAGE ON SCHEMA vectors TO datapunk_app;
GRANT SELECT ON vectors.embedding_models TO datapunk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON vectors.record_embeddings, vectors.embedding_progress TO datapunk_app;
