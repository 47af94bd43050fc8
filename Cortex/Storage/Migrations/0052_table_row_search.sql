-- Search over the rows of one's own uploaded tables (docs/cortex.md, "Tables in search").
--
-- A row's document is the text of its values (not the column names, which every row of a table
-- has), parsed by the 'simple' configuration (lower-cased words, no stemming), stored once when the
-- row is inserted and stripped of positions: rows are ranked by ts_rank, which counts matches. Parsing
-- under English, German and French as record bodies are cost 22 s per million rows of five short
-- columns (measured in psql: 2.2 s more per 100,000 rows than the text alone, 'simple' 0.57 s), most
-- of a million-row upload's 45 s, for cells that are mostly names, amounts and dates; the search
-- matches rows with its words parsed under 'simple' as well (user_data.table_row_query), so a word
-- finds its own form, and the last word its continuations, but not its inflections. The user id
-- leads the index (btree_gin), so a word common in every user's tables costs one user's matches.

-- The values of a row, in no particular order, as one text.
CREATE OR REPLACE FUNCTION user_data.table_row_text(row_values jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT string_agg(v.value, ' ') FROM jsonb_each_text(row_values) AS v(key, value) WHERE v.value IS NOT NULL
$$;

-- A row as a search shows it: "column: value" in the table's column order, empty values left out.
CREATE OR REPLACE FUNCTION user_data.table_row_display(columns jsonb, row_values jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT string_agg((c.column_description ->> 'name') || ': ' || (row_values ->> (c.column_description ->> 'name')), ' · ' ORDER BY c.position)
    FROM jsonb_array_elements(columns) WITH ORDINALITY AS c(column_description, position)
    WHERE row_values ->> (c.column_description ->> 'name') IS NOT NULL
$$;

ALTER TABLE user_data.user_table_rows
    ADD COLUMN IF NOT EXISTS search_text tsvector GENERATED ALWAYS AS (strip(to_tsvector('pg_catalog.simple'::regconfig, user_data.table_row_text(row_values)))) STORED;

-- The query a row is matched with: the search's terms (SearchTerms: quoted words joined by &, the last
-- a prefix) under 'simple', as the rows are parsed.
CREATE OR REPLACE FUNCTION user_data.table_row_query(terms text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('pg_catalog.simple'::regconfig, terms)
$$;
CREATE INDEX IF NOT EXISTS user_table_rows_search_text ON user_data.user_table_rows USING gin (user_id, search_text);

-- Search reads as the indexed reads' role (UserDataScope.IndexedReadRole), which filters by the user
-- explicitly in every statement, as it does the records.
GRANT SELECT ON user_data.user_tables, user_data.user_table_rows TO datapunk_search;
