-- Semantic search within a time range (SearchSql, docs/cortex.md "Search"). Since 0062 the vectors are
-- per text, and a record's time was only on the record: a search of one year had PostgreSQL hash every
-- text vector of the user and look up each vector's record for its time (5 s at 10 M records and
-- 294,032 vectors). record_embeddings now carries its record's time, with an index, so the vectors of a
-- short range are read by time; a long range takes the nearest texts first (SearchSql). Kept like the
-- positions of 0060: the embedder writes it with the vector row, and a record whose time changes (a
-- richer copy arrived) passes it on.
ALTER TABLE vectors.record_embeddings ADD COLUMN IF NOT EXISTS occurred_at timestamptz;

UPDATE vectors.record_embeddings e SET occurred_at = r.occurred_at
FROM user_data.records r
WHERE r.user_id = e.user_id AND r.kind = e.kind AND r.identity = e.identity AND e.occurred_at IS DISTINCT FROM r.occurred_at;

CREATE INDEX IF NOT EXISTS record_embeddings_time ON vectors.record_embeddings (user_id, model_id, occurred_at);

CREATE OR REPLACE FUNCTION vectors.pass_record_time() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vectors.record_embeddings e SET occurred_at = NEW.occurred_at
    WHERE e.user_id = NEW.user_id AND e.kind = NEW.kind AND e.identity = NEW.identity;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS records_embedding_times ON user_data.records;
CREATE TRIGGER records_embedding_times
    AFTER UPDATE OF occurred_at ON user_data.records
    FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at)
    EXECUTE FUNCTION vectors.pass_record_time();

ANALYZE vectors.record_embeddings;
