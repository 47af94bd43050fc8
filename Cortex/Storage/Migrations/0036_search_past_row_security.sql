-- Search's indexes under row-level security (docs/cortex.md, "Search"; docs/security.md).
--
-- Under a row-level-security policy PostgreSQL evaluates the policy's condition before any
-- condition whose functions are not LEAKPROOF, and so never uses such a condition as an index
-- condition. The full-text match (@@, ts_match_vq) and pg_trgm's word similarity (<%) are not
-- leakproof: logged in as the silos are, a search read every one of the user's records and
-- parsed each again (2 s for a common word at 30,000 records, against 0.16 s through the GIN
-- index; measured on this machine with EXPLAIN ANALYZE). Marking system functions leakproof would
-- change the catalog under every database user; instead, search's one statement runs as
-- datapunk_search: NOLOGIN, bypassing row-level security, with SELECT on the tables a search reads
-- and nothing else, in a read-only transaction. It filters by the user explicitly in every part
-- of the statement (Cortex/Search/SearchSql.cs; the isolation tests prove it). Members of
-- datapunk_app (the silos' logins) may switch to it. BYPASSRLS can only be given by a superuser:
-- created here by one, it has it; otherwise search stays correct, under the policies, and slow.
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

GRANT USAGE ON SCHEMA user_data, imports, vectors TO datapunk_search;
GRANT SELECT ON user_data.records, imports.files, vectors.record_embeddings TO datapunk_search;
GRANT datapunk_search TO datapunk_app;
