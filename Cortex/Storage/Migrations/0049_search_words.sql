-- Fuzzy search through each user's vocabulary instead of every title (docs/cortex.md, "Search").
--
-- Fuzzy matching compared the query with every title by trigram word similarity. A word that is
-- rare in the records but shares trigrams with many titles made the title trigram index return
-- hundreds of thousands of candidates, each fetched from the heap and tested: 3 s for one rare
-- word at 10 million records, 17 s with a kind filter (docs/benchmarks.md). The way pg_trgm's own
-- documentation suggests for text search ("Text Search Integration") is a table of the distinct
-- words, matched by trigrams: a query word is compared with the user's words (hundreds of
-- thousands at most, not millions of titles), its spellings within a few edits found there, and
-- the records holding them found through the full-text index like any other word.
--
-- user_data.search_words holds the distinct lower-cased words of the user's record titles
-- (PostgreSQL's parser, the 'simple' configuration). It is filled by statement-level triggers from
-- the rows each statement inserted or updated, so every writer (a merge, a poll, live ingest) keeps
-- it complete. Two merges of one user inserting the same new words wait for each other, so each
-- inserts in the same (sorted) order and neither can hold a word the other waits for while waiting
-- for one it holds. A word stays when its records go (erasing the account deletes the table's rows with
-- every other table's): a word no record holds any more finds nothing.

CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE IF NOT EXISTS user_data.search_words (
    user_id text NOT NULL,
    word    text NOT NULL,
    PRIMARY KEY (user_id, word)
);
-- The user id leads (btree_gin), so a word's trigrams cost one user's vocabulary.
CREATE INDEX IF NOT EXISTS search_words_trigram ON user_data.search_words USING gin (user_id, word gin_trgm_ops);

ALTER TABLE user_data.search_words ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.search_words FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS search_words_owner ON user_data.search_words;
CREATE POLICY search_words_owner ON user_data.search_words
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));
GRANT SELECT, INSERT, DELETE ON user_data.search_words TO datapunk_app;
GRANT SELECT ON user_data.search_words TO datapunk_search;

-- The words a search compares: 3 to 40 characters (shorter ones have no spelling to correct,
-- longer ones are not words) and not only digits.
CREATE OR REPLACE FUNCTION user_data.title_words(title text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w.word FROM unnest(tsvector_to_array(to_tsvector('pg_catalog.simple'::regconfig, left(coalesce(title, ''), 500)))) AS w(word)
    WHERE length(w.word) BETWEEN 3 AND 40 AND w.word !~ '^[0-9.,:/_-]+$'
$$;

CREATE OR REPLACE FUNCTION user_data.collect_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_data.search_words (user_id, word)
    SELECT DISTINCT r.user_id, w.word FROM changed_records r CROSS JOIN LATERAL user_data.title_words(r.title) AS w(word)
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS records_search_words_inserted ON user_data.records;
CREATE TRIGGER records_search_words_inserted AFTER INSERT ON user_data.records
    REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION user_data.collect_search_words();
-- A transition table cannot name columns (UPDATE OF title), so every update collects its rows' words.
DROP TRIGGER IF EXISTS records_search_words_updated ON user_data.records;
CREATE TRIGGER records_search_words_updated AFTER UPDATE ON user_data.records
    REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION user_data.collect_search_words();

-- The words of the records stored before this migration (about 50 s for 10 million titles).
INSERT INTO user_data.search_words (user_id, word)
SELECT DISTINCT r.user_id, w.word FROM user_data.records r CROSS JOIN LATERAL user_data.title_words(r.title) AS w(word)
ON CONFLICT DO NOTHING;

-- Fuzzy snippets now come from the full-text headline of the spellings found.
DROP FUNCTION IF EXISTS user_data.fuzzy_snippet(text, text[]);

-- Fuzzy matches are titles holding a spelling, so the titles' own documents get an index: through
-- records_search_text (titles and bodies) a word common in bodies and rare in titles made every
-- body match be fetched and its title tested ("payment" in mail: 2.5 s at 10 million records). A
-- title has a few lexemes where the trigram index below held one entry per three letters.
CREATE INDEX IF NOT EXISTS records_search_title ON user_data.records USING gin (user_id, search_title);

-- The title trigram index served only fuzzy search (the other readers that compare titles by
-- trigrams also test the body, which no index serves): every record's title no longer needs its
-- trigrams indexed on import.
DROP INDEX IF EXISTS user_data.records_title_trigram;
