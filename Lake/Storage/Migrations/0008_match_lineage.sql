-- Lineage of matched records (docs/import.md, "Match rules"): for each merged chunk, how many of
-- its records matched records stored from another file, by that file and rule. Written in the
-- chunk's merge transaction, so it is exact whatever runs the import took. The kept copy's own
-- file is each row's file_id; with this table every file a record arrived in stays known at the
-- level of files, which is what the catalog's lineage reads.
CREATE TABLE IF NOT EXISTS imports.file_matches (
    user_id         text    NOT NULL,
    file_id         bigint  NOT NULL,
    chunk_no        integer NOT NULL,
    matched_file_id bigint  NOT NULL,
    rule            text    NOT NULL CHECK (rule IN ('exact', 'cross_format', 'cross_source')),
    records         bigint  NOT NULL,
    PRIMARY KEY (file_id, chunk_no, matched_file_id)
);
CREATE INDEX IF NOT EXISTS file_matches_by_matched_file ON imports.file_matches (matched_file_id);

ALTER TABLE imports.file_matches ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports.file_matches FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS file_matches_owner ON imports.file_matches;
CREATE POLICY file_matches_owner ON imports.file_matches
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT ON imports.file_matches TO datapunk_app;
