-- A new embedding model gets its row and its HNSW index (a partial index over its vectors, in its own
-- dimension) the first time a silo uses it. The silos log in as a role that owns no table and may not
-- create indexes (docs/security.md), so this function, owned by the migrations' owner, does both under
-- an advisory lock; the only input that reaches the DDL is the dimension, an integer checked here and by
-- the table, and the model's number, which the table made.
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
        'CREATE INDEX IF NOT EXISTS %I ON vectors.record_embeddings USING hnsw ((embedding::public.vector(%s)) public.vector_cosine_ops) WHERE model_id = %s',
        'record_embeddings_model_' || stored_id, stored_dimensions, stored_id);
    RETURN QUERY SELECT stored_id, stored_dimensions;
END
$$;
REVOKE ALL ON FUNCTION vectors.register_embedding_model(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vectors.register_embedding_model(text, integer) TO datapunk_app;
