-- Search at scale and its import cost (docs/cortex.md "Search", figures in docs/benchmarks.md).
--
-- 1. The full-text document is stored, computed once when the merge inserts the row, instead of
--    being an index expression: PostgreSQL evaluated the expression again wherever a search needed
--    it (the recheck of a bitmap scan, ranking), three parses of up to 2,000 characters a row, and a
--    search could not test the newest records one by one for a match (see SearchSql: the recency
--    scan). search_text (stripped of positions: nothing ranks by them) is what the index holds;
--    search_title (the title alone, with positions) is what matches are ranked by.
-- 2. A body is parsed under one configuration, its language, told by its commonest short words,
--    instead of under all three: parsing is most of the cost of the index on import (the parser,
--    not the stemmer: 'simple' costs nearly what 'english' does), and a body is most of the text.
--    Short bodies (under 400 characters, where a language is a poor guess and parsing is cheap) and
--    bodies without a clear language are still parsed under all three, as titles always are. A query
--    is still parsed under all three and the parses ORed, so a word matches its own form whatever
--    the body's language, and its inflections (Häuser/Haus) where the body's language was told right.

-- The language of a text by its commonest short words (of its first 1,000 characters), when one
-- language's count is more than twice the others'; else null.
CREATE OR REPLACE FUNCTION user_data.text_language(body text) RETURNS regconfig
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    t  text := lower(left(body, 1000));
    en integer := regexp_count(t, '\m(the|and|of|to|is|you|that|with|for|this|are|was)\M');
    de integer := regexp_count(t, '\m(der|die|und|das|ist|nicht|mit|ich|sie|den|ein|zu|auf)\M');
    fr integer := regexp_count(t, '\m(le|la|les|et|des|est|une|pour|que|dans|du|pas|sur)\M');
BEGIN
    RETURN CASE WHEN en > 2 * greatest(de, fr) THEN 'pg_catalog.english'::regconfig
                WHEN de > 2 * greatest(en, fr) THEN 'pg_catalog.german'::regconfig
                WHEN fr > 2 * greatest(en, de) THEN 'pg_catalog.french'::regconfig END;
END
$$;

-- A body's document: under its language, or under all three when short or of no clear language.
CREATE OR REPLACE FUNCTION user_data.search_body(body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    b        text := left(coalesce(body, ''), 2000);
    language regconfig := CASE WHEN length(b) >= 400 THEN user_data.text_language(b) END;
BEGIN
    IF language IS NOT NULL THEN
        RETURN to_tsvector(language, b);
    END IF;
    RETURN to_tsvector('pg_catalog.english'::regconfig, b) || to_tsvector('pg_catalog.german'::regconfig, b)
        || to_tsvector('pg_catalog.french'::regconfig, b);
END
$$;

CREATE OR REPLACE FUNCTION user_data.search_document(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('pg_catalog.english'::regconfig, coalesce(title, ''))
                  || to_tsvector('pg_catalog.german'::regconfig, coalesce(title, ''))
                  || to_tsvector('pg_catalog.french'::regconfig, coalesce(title, '')), 'A')
        || setweight(user_data.search_body(body), 'B')
$$;

DROP INDEX IF EXISTS user_data.records_search_text;
ALTER TABLE user_data.records
    ADD COLUMN IF NOT EXISTS search_title tsvector GENERATED ALWAYS AS (user_data.search_document(title, NULL)) STORED,
    ADD COLUMN IF NOT EXISTS search_text tsvector GENERATED ALWAYS AS (strip(user_data.search_document(title, body))) STORED;
-- The user id leads (btree_gin), so a word common in every user's records costs one user's matches.
CREATE INDEX IF NOT EXISTS records_search_text ON user_data.records USING gin (user_id, search_text);

-- The user's records newest first, for the recency scan of full-text search: its newest matches are
-- found by testing the newest records' stored documents one by one, in order, until enough match.
CREATE INDEX IF NOT EXISTS records_recent ON user_data.records (user_id, occurred_at DESC NULLS LAST);

