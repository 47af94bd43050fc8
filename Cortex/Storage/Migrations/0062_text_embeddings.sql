-- One vector per distinct text, not per record (RecordEmbedder, SearchSql, docs/cortex.md "Search").
--
-- A life repeats itself: the same song played 300 times, the same place visited every day, the same
-- search typed again. One vector per record gave each copy its own identical vector, and HNSW is not
-- made for many identical points: copies link only to one another, the graph's search is caught
-- among them, and the index returned far fewer of the nearest texts than there are (semantic nDCG@10
-- fell from 0.769 to 0.575 in the evaluation when search ranked the index's answers alone). It also
-- spent the model's time, the slow step, on the same text again and again.
--
-- text_embeddings holds each distinct text of a user's kind once (by its SHA-256, as record_embeddings
-- already kept it) with its vector and each model's HNSW index; record_embeddings keeps one row per
-- record saying which text it was embedded from, and search finds the nearest texts and then their
-- records. A text no record uses any more (its records deleted, or their text changed) goes with
-- the last of them, so a deleted import leaves no vector of its text behind.
CREATE TABLE IF NOT EXISTS vectors.text_embeddings (
    user_id     text        NOT NULL,
    model_id    smallint    NOT NULL,
    kind        smallint    NOT NULL,
    text_hash   bytea       NOT NULL,
    embedding   vector      NOT NULL,
    embedded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, model_id, kind, text_hash)
);

ALTER TABLE vectors.text_embeddings ENABLE ROW LEVEL SECURITY;
ALTER TABLE vectors.text_embeddings FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS text_embeddings_owner ON vectors.text_embeddings;
CREATE POLICY text_embeddings_owner ON vectors.text_embeddings
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON vectors.text_embeddings TO datapunk_app;
GRANT SELECT ON vectors.text_embeddings TO datapunk_search;

-- The vectors stored before this migration: one per text (the newest of its copies), then the
-- records' copies go. Dropping the column drops the per-model HNSW indexes built on it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'vectors' AND table_name = 'record_embeddings' AND column_name = 'embedding') THEN
        INSERT INTO vectors.text_embeddings (user_id, model_id, kind, text_hash, embedding, embedded_at)
        SELECT DISTINCT ON (user_id, model_id, kind, text_hash) user_id, model_id, kind, text_hash, embedding, embedded_at
        FROM vectors.record_embeddings
        ORDER BY user_id, model_id, kind, text_hash, embedded_at DESC
        ON CONFLICT DO NOTHING;
        ALTER TABLE vectors.record_embeddings DROP COLUMN embedding;
    END IF;
END
$$;

-- A text's records in identity order, for search (the nearest texts, then their records) and for the
-- clean-up below.
CREATE INDEX IF NOT EXISTS record_embeddings_text ON vectors.record_embeddings (user_id, model_id, kind, text_hash, identity);

-- Each model's HNSW index, now over its distinct texts.
DO $$
DECLARE
    model record;
BEGIN
    FOR model IN SELECT m.model_id, m.dimensions FROM vectors.embedding_models m LOOP
        EXECUTE format(
            'CREATE INDEX IF NOT EXISTS %I ON vectors.text_embeddings USING hnsw ((embedding::public.vector(%s)) public.vector_cosine_ops) WHERE model_id = %s',
            'text_embeddings_model_' || model.model_id, model.dimensions, model.model_id);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION vectors.register_embedding_model(p_name text, p_dimensions integer)
RETURNS TABLE (model_id smallint, dimensions integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    stored_id smallint;
    stored_dimensions integer;
BEGIN
    IF p_name IS NULL OR length(p_name) NOT BETWEEN 1 AND 200 OR p_dimensions IS NULL OR p_dimensions NOT BETWEEN 1 AND 2000 THEN
        RAISE EXCEPTION 'an embedding model needs a name of 1 to 200 characters and 1 to 2000 dimensions';
    END IF;
    PERFORM pg_advisory_xact_lock(1011300237347);
    INSERT INTO vectors.embedding_models (name, dimensions) VALUES (p_name, p_dimensions) ON CONFLICT (name) DO NOTHING;
    SELECT m.model_id, m.dimensions INTO stored_id, stored_dimensions FROM vectors.embedding_models m WHERE m.name = p_name;
    EXECUTE format(
        'CREATE INDEX IF NOT EXISTS %I ON vectors.text_embeddings USING hnsw ((embedding::public.vector(%s)) public.vector_cosine_ops) WHERE model_id = %s',
        'text_embeddings_model_' || stored_id, stored_dimensions, stored_id);
    RETURN QUERY SELECT stored_id, stored_dimensions;
END
$$;

-- A text goes with the last record embedded from it: when its records' vectors are deleted (an import
-- deleted, a play merged, another model taking over) or re-embedded from a changed text. Statement
-- triggers, so deleting a whole import looks each text up once. PostgreSQL allows transition tables
-- on one event per trigger, hence two triggers.
CREATE OR REPLACE FUNCTION vectors.remove_unused_text_embeddings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM vectors.text_embeddings t
    USING (SELECT DISTINCT user_id, model_id, kind, text_hash FROM released_texts) o
    WHERE t.user_id = o.user_id AND t.model_id = o.model_id AND t.kind = o.kind AND t.text_hash = o.text_hash
      AND NOT EXISTS (SELECT 1 FROM vectors.record_embeddings e
                      WHERE e.user_id = o.user_id AND e.model_id = o.model_id AND e.kind = o.kind AND e.text_hash = o.text_hash);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS record_embeddings_texts_removed ON vectors.record_embeddings;
CREATE TRIGGER record_embeddings_texts_removed AFTER DELETE ON vectors.record_embeddings
    REFERENCING OLD TABLE AS released_texts FOR EACH STATEMENT EXECUTE FUNCTION vectors.remove_unused_text_embeddings();
DROP TRIGGER IF EXISTS record_embeddings_texts_changed ON vectors.record_embeddings;
CREATE TRIGGER record_embeddings_texts_changed AFTER UPDATE ON vectors.record_embeddings
    REFERENCING OLD TABLE AS released_texts FOR EACH STATEMENT EXECUTE FUNCTION vectors.remove_unused_text_embeddings();

ANALYZE vectors.text_embeddings;
