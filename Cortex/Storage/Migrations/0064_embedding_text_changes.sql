-- A record whose text changes loses its vectors (RecordEmbedder, docs/cortex.md "Embedding in the
-- background"), so that an embedding pass finds the records needing a vector by their having none,
-- through the two tables' keys alone. Until now a pass read every record's title and body and hashed
-- them to compare with the stored hash: for a user with millions of records, a pass after any import or
-- poll took ten thousand batches over the whole archive. The text embedded is the title and the first
-- 1,000 characters of the body (EmbeddableText); a change there deletes the record's vector rows (its
-- text's vector goes with the last record using it, migration 0062). A statement trigger, so an import
-- rewriting many records joins them once; updates that leave the text alone (a position, a removal mark)
-- delete nothing.
CREATE OR REPLACE FUNCTION vectors.forget_changed_texts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM vectors.record_embeddings e
    USING previous_records o
    JOIN changed_records n ON n.user_id = o.user_id AND n.kind = o.kind AND n.identity = o.identity
    WHERE e.user_id = n.user_id AND e.kind = n.kind AND e.identity = n.identity
      AND (o.title IS DISTINCT FROM n.title OR left(o.body, 1000) IS DISTINCT FROM left(n.body, 1000));
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS records_texts_changed ON user_data.records;
CREATE TRIGGER records_texts_changed AFTER UPDATE ON user_data.records
    REFERENCING OLD TABLE AS previous_records NEW TABLE AS changed_records
    FOR EACH STATEMENT EXECUTE FUNCTION vectors.forget_changed_texts();
