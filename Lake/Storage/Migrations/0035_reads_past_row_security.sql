-- Reads that need an index row-level security would refuse them (docs/security.md, "Reads past
-- row-level security").
--
-- Under a row-level-security policy PostgreSQL evaluates the policy's condition before any
-- condition whose functions are not LEAKPROOF, and so never uses such a condition as an index
-- condition. The full-text match (@@), pg_trgm's word similarity (<%) and PostGIS's bounding-box
-- overlap (&&) are not leakproof: logged in as the silos are, a search read every one of the user's
-- records and parsed each again (1.97 s for a common word at 30,000 records, against 0.13 s through
-- the GIN index), and a map tile read the whole year's fixes (about 1 s even for an empty tile,
-- against 56 ms through the GiST index; measured on this machine with EXPLAIN ANALYZE). Marking
-- system functions leakproof would change the catalog for every user of the database; instead those
-- statements run as datapunk_search: NOLOGIN, bypassing row-level security, with SELECT on the
-- tables they read and nothing else, in read-only transactions, each filtering by the user itself
-- (Cortex/Search/SearchSql.cs, Lake/Reading/MapTileReader.cs; the isolation tests prove it).
-- Members of datapunk_app (the silos' logins) may switch to it. BYPASSRLS can only be given by a
-- superuser: created here by one, it has it; otherwise those reads stay correct, under the
-- policies, and slow.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'datapunk_search') THEN
        CREATE ROLE datapunk_search NOLOGIN;
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            ALTER ROLE datapunk_search BYPASSRLS;
        END IF;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA user_data, imports, timeseries TO datapunk_search;
GRANT SELECT ON user_data.records, imports.files, timeseries.location_points TO datapunk_search;
GRANT datapunk_search TO datapunk_app;
