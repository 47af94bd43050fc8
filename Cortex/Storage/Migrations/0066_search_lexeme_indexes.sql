-- Search at 10 million records of one user (docs/cortex.md "How a search runs", figures in
-- docs/benchmarks.md).
--
-- 1. The text indexes hold the documents alone, without the user id in front (migrations 0037 and
--    0049 had it lead them, through btree_gin). A GIN index intersects the entries of a query: with
--    the user id as one of them, every search read the user's own entry, which lists every record of
--    the user, whatever the words. For a user of 10 million records that was about 30 ms of each
--    text list of each search (`ecklam` in titles: 28 ms for 3,174 matches with the user's entry,
--    0.5 ms without it), and 80-130 ms where a prefix or a common word was intersected with it.
--    The price: a word's matches in other users' records are read from the heap and dropped by the
--    user's condition (and row-level security) before anything is returned. On a machine of a few
--    people that is a few times one user's matches; where a word is common the search reads the
--    user's records newest first instead (records_recent), which never touches another user's.
--    Upgrading builds both indexes again: for 10 million records 78 s (titles) and 204 s (documents)
--    on the 2-core machine of docs/benchmarks.md, once, when the first silo starts.
DROP INDEX IF EXISTS user_data.records_search_text;
DROP INDEX IF EXISTS user_data.records_search_title;
CREATE INDEX IF NOT EXISTS records_text_lexemes ON user_data.records USING gin (search_text);
CREATE INDEX IF NOT EXISTS records_title_lexemes ON user_data.records USING gin (search_title);

-- 2. The fuzzy list's query, the spellings of the query's words ORed (FuzzySpellings), holds each
--    lexeme once: a spelling that one language stems and the others do not (lamchawen: German
--    `lamchaw`) left the others' parses as copies (`'lamchawen' | 'brivenyorb' | 'lamchaw' |
--    'brivenyorb'`), each copy counted again by the estimate. Its alternatives are single words (or a
--    hyphenated word's phrase), never an OR inside an AND, so splitting its text at ` | ` keeps each whole.
CREATE OR REPLACE FUNCTION user_data.search_any(terms text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT string_agg(DISTINCT alternative, ' | ' ORDER BY alternative)
         FROM regexp_split_to_table(nullif(user_data.search_query(terms)::text, ''), ' \| ') AS alternative)::tsquery,
        user_data.search_query(terms))
$$;
