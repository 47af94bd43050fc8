-- Record identity v2 (docs/import.md, "Record identity"): what each merged chunk matched, by rule.
ALTER TABLE imports.entry_chunks ADD COLUMN IF NOT EXISTS matched jsonb NOT NULL DEFAULT '{}';
