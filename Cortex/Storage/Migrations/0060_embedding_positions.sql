-- Semantic search near a point (SearchSql, docs/cortex.md "Search"). The radius was a condition on
-- the records joined to the vectors, so PostgreSQL took every record near the point and looked its
-- vector up: on 10 million records and 294,032 vectors, 50 km around Berlin probed the vectors of
-- 99,912 records to find 1,903 (500-860 ms).
--
-- embedding_positions holds, for each vector whose record has a position, that position, with an
-- index, so a radius reads the vectors near the point (1,903 rows, about 120 ms for the whole
-- semantic list on a busy machine). A table of its own, not a column of record_embeddings: filling a
-- new column there rewrites every vector and inserts each into the HNSW index again (still running
-- after ten minutes for those 294,032 vectors); this one is filled in seconds and holds only the
-- vectors of records with a position (12,068 of them).
CREATE TABLE IF NOT EXISTS vectors.embedding_positions (
    user_id  text                   NOT NULL,
    model_id smallint               NOT NULL,
    kind     smallint               NOT NULL,
    identity text                   NOT NULL,
    position geography(Point, 4326) NOT NULL,
    PRIMARY KEY (user_id, model_id, kind, identity)
);

ALTER TABLE vectors.embedding_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE vectors.embedding_positions FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS embedding_positions_owner ON vectors.embedding_positions;
CREATE POLICY embedding_positions_owner ON vectors.embedding_positions
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON vectors.embedding_positions TO datapunk_app;
GRANT SELECT ON vectors.embedding_positions TO datapunk_search;

-- A vector stored (by the embedder's upsert or a COPY) adds its record's position; a vector deleted
-- takes it along. Statement triggers, so a COPY of many vectors joins the records once.
CREATE OR REPLACE FUNCTION vectors.add_embedding_positions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vectors.embedding_positions (user_id, model_id, kind, identity, position)
    SELECT n.user_id, n.model_id, n.kind, n.identity, r.position
    FROM stored_vectors n
    JOIN user_data.records r ON r.user_id = n.user_id AND r.kind = n.kind AND r.identity = n.identity
    WHERE r.position IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION vectors.remove_embedding_positions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM vectors.embedding_positions p
    USING deleted_vectors o
    WHERE p.user_id = o.user_id AND p.model_id = o.model_id AND p.kind = o.kind AND p.identity = o.identity;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS record_embeddings_added ON vectors.record_embeddings;
CREATE TRIGGER record_embeddings_added AFTER INSERT ON vectors.record_embeddings
    REFERENCING NEW TABLE AS stored_vectors FOR EACH STATEMENT EXECUTE FUNCTION vectors.add_embedding_positions();
DROP TRIGGER IF EXISTS record_embeddings_removed ON vectors.record_embeddings;
CREATE TRIGGER record_embeddings_removed AFTER DELETE ON vectors.record_embeddings
    REFERENCING OLD TABLE AS deleted_vectors FOR EACH STATEMENT EXECUTE FUNCTION vectors.remove_embedding_positions();

-- A record whose position changes (a richer copy arrived) passes it on to its vectors.
CREATE OR REPLACE FUNCTION vectors.pass_record_position() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM vectors.embedding_positions p
    WHERE p.user_id = NEW.user_id AND p.kind = NEW.kind AND p.identity = NEW.identity;
    IF NEW.position IS NOT NULL THEN
        INSERT INTO vectors.embedding_positions (user_id, model_id, kind, identity, position)
        SELECT e.user_id, e.model_id, e.kind, e.identity, NEW.position
        FROM vectors.record_embeddings e
        WHERE e.user_id = NEW.user_id AND e.kind = NEW.kind AND e.identity = NEW.identity;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS records_embedding_positions ON user_data.records;
CREATE TRIGGER records_embedding_positions
    AFTER UPDATE OF position ON user_data.records
    FOR EACH ROW WHEN (OLD.position IS DISTINCT FROM NEW.position)
    EXECUTE FUNCTION vectors.pass_record_position();

-- The vectors stored before this migration.
INSERT INTO vectors.embedding_positions (user_id, model_id, kind, identity, position)
SELECT e.user_id, e.model_id, e.kind, e.identity, r.position
FROM vectors.record_embeddings e
JOIN user_data.records r ON r.user_id = e.user_id AND r.kind = e.kind AND r.identity = e.identity
WHERE r.position IS NOT NULL
ON CONFLICT DO NOTHING;

CREATE INDEX IF NOT EXISTS embedding_positions_position ON vectors.embedding_positions USING gist ((position::geometry));
ANALYZE vectors.embedding_positions;
