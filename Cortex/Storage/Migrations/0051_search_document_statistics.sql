-- Search lets PostgreSQL choose, for each text method, between every match through a text index
-- and the user's records newest first (SearchSql, docs/cortex.md "Search"); the choice is only as
-- good as its estimate of how many records hold the words. A tsvector column's statistics keep its
-- most common lexemes, ten per unit of the statistics target (1,000 at the default 100), and a word
-- below the least common of them is estimated at half its frequency. On 10 million records that
-- made five rare spellings look like 31,000 matches, and the planner walked every record newest
-- first for 17 s to find 1,700. With 10,000 lexemes kept the same search took every match through
-- the index, 41 ms; ANALYZE of those 10 million records took 5.5 s (it samples 300,000 rows).
ALTER TABLE user_data.records
    ALTER COLUMN search_title SET STATISTICS 1000,
    ALTER COLUMN search_text SET STATISTICS 1000;
ANALYZE user_data.records;
