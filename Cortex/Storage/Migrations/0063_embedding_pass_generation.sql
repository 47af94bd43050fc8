-- An embedding pass is no longer restarted by each request (EmbeddingProgress, docs/cortex.md
-- "Embedding in the background"). A request reset the pass's cursor to the start: with a live source
-- storing records every few minutes and a pass over a large archive taking longer than that, the pass
-- began again before it reached the end, and the records late in (kind, identity) order were never
-- embedded. Now a request during a pass only bumps the generation; the pass runs on, and at its end it
-- starts again from the beginning when a request came since it started (records may have arrived
-- behind its cursor) or finishes when none did. pass_generation is the generation the current pass
-- started at.
ALTER TABLE vectors.embedding_progress ADD COLUMN IF NOT EXISTS pass_generation integer NOT NULL DEFAULT 0;
UPDATE vectors.embedding_progress SET pass_generation = generation WHERE pass_generation <> generation;
