-- A live source whose pages are current versions (Google Calendar's events: an event edited at Google
-- comes back in the next incremental synchronization) replaces a stored record's time, title, text,
-- link, source and file with the newer version (PolledPageStore, docs/sources.md). Records were
-- insert-only for the silos until now; the update stays under the records' row-level security, so a
-- silo acting for one user can change only that user's records, and the search documents and the
-- fuzzy vocabulary follow through the records' update triggers.
GRANT UPDATE ON user_data.records TO datapunk_app;
