-- A live source mirrors what was removed at the provider without losing it from the archive: a Google
-- Calendar event cancelled or deleted, a Microsoft Graph event or message removed (@removed) or
-- cancelled (isCancelled), a Gmail message deleted or put in the trash or spam (docs/sources.md). The
-- record stays; removed_at_source says when Datapunk first saw the removal and removed_reason what it
-- was ('cancelled', 'deleted', 'trash', 'spam'). Both are null for a record the source still has, and an
-- item restored at the provider (un-cancelled, untrashed) clears them (PolledPageStore, SourceMark).
-- Nullable columns without a default are a change of the catalog only: the 10 million rows are not
-- rewritten. The columns stay under the records' row-level security and the UPDATE granted in 0054.
ALTER TABLE user_data.records ADD COLUMN IF NOT EXISTS removed_at_source timestamptz;
ALTER TABLE user_data.records ADD COLUMN IF NOT EXISTS removed_reason text;
