-- Search (Cortex, docs/cortex.md "Search"): full-text and fuzzy indexes over the user's records,
-- maintained by PostgreSQL as the import's merge inserts rows, so both kinds of search find a
-- record the moment its chunk commits. docs/cortex.md has the import cost measured with them.
--
-- Language: a record's language is unknown (exports do not say it, and titles are too short to
-- detect one), and one user's records mix languages (German mail, English video titles). So the
-- document is indexed under every supported configuration at once, English, German and French
-- stems together, and a query is parsed under each and the parses ORed (search_query): "Häuser"
-- finds "Haus" through German stemming, "running" finds "runs" through English, and a name is
-- kept as its lower-cased word by all three. Titles weigh more than bodies (weights A and B);
-- bodies are indexed up to 2,000 characters, which covers all but long mail and bounds the cost
-- per record. The price is three parses per record at import: docs/cortex.md has the figures.
CREATE OR REPLACE FUNCTION user_data.search_document(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('pg_catalog.english'::regconfig, coalesce(title, ''))
                  || to_tsvector('pg_catalog.german'::regconfig, coalesce(title, ''))
                  || to_tsvector('pg_catalog.french'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english'::regconfig, left(coalesce(body, ''), 2000))
                  || to_tsvector('pg_catalog.german'::regconfig, left(coalesce(body, ''), 2000))
                  || to_tsvector('pg_catalog.french'::regconfig, left(coalesce(body, ''), 2000)), 'B')
$$;

-- terms is to_tsquery syntax built by the application from the words of the query (SearchTerms):
-- quoted words joined by &, the last one a prefix (:*).
CREATE OR REPLACE FUNCTION user_data.search_query(terms text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('pg_catalog.english'::regconfig, terms) || to_tsquery('pg_catalog.german'::regconfig, terms)
        || to_tsquery('pg_catalog.french'::regconfig, terms)
$$;

-- The user id leads both indexes (btree_gin), so a word common in every user's records costs one
-- user's matches, not everyone's.
CREATE INDEX IF NOT EXISTS records_search_text ON user_data.records USING gin (user_id, user_data.search_document(title, body));

-- Fuzzy matching of titles (typos, partial names): pg_trgm's word similarity. Migration 0003
-- dropped the trigram index for the import's sake; search needs it back (cost in docs/cortex.md).
DROP INDEX IF EXISTS user_data.records_title_trigram;
CREATE INDEX IF NOT EXISTS records_title_trigram ON user_data.records USING gin (user_id, title gin_trgm_ops);

-- A snippet of a full-text match: the body (else the title) with the matched words between ** and
-- **, parsed under the first configuration whose parse highlights something (the one the match
-- came through). Only the page's rows get one, so its cost is bounded by the page size.
CREATE OR REPLACE FUNCTION user_data.search_snippet(title text, body text, terms text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT headline
         FROM (VALUES (1, body, 'pg_catalog.english'::regconfig), (2, body, 'pg_catalog.german'::regconfig),
                      (3, body, 'pg_catalog.french'::regconfig), (4, title, 'pg_catalog.english'::regconfig),
                      (5, title, 'pg_catalog.german'::regconfig), (6, title, 'pg_catalog.french'::regconfig)) AS c(n, text, config),
              LATERAL ts_headline(c.config, left(c.text, 2000), to_tsquery(c.config, terms),
                  'StartSel="**", StopSel="**", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "') AS headline
         WHERE nullif(c.text, '') IS NOT NULL AND strpos(headline, '**') > 0
         LIMIT 1),
        left(coalesce(nullif(body, ''), title), 200))
$$;

-- A snippet of a fuzzy match: the title with the words resembling a query word between ** and **.
CREATE OR REPLACE FUNCTION user_data.fuzzy_snippet(title text, words text[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT string_agg(CASE WHEN EXISTS (SELECT 1 FROM unnest(words) AS q(word) WHERE similarity(lower(t.word), q.word) >= 0.4)
                           THEN '**' || t.word || '**' ELSE t.word END, ' ' ORDER BY t.n)
    FROM regexp_split_to_table(title, '\s+') WITH ORDINALITY AS t(word, n)
$$;
