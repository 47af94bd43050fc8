-- Search's statement runs as datapunk_search (Lake's 0035 says why): it reads the vectors too.
GRANT USAGE ON SCHEMA vectors TO datapunk_search;
GRANT SELECT ON vectors.record_embeddings TO datapunk_search;
