-- The audit log names users in actor and subject, not in a user_id column: erasure does not delete
-- its rows (that would break the chain) but redacts them and appends the tombstone through
-- archive.redact_audit_subject (Users/Audit/AuditErasureTombstone.cs). The marker tells the eraser's
-- catalog check that these tables are handled that way.
COMMENT ON TABLE archive.audit_log IS 'datapunk:erasure=no-user-data (users are redacted by archive.redact_audit_subject, the erasure tombstone)';
COMMENT ON TABLE archive.audit_chain_head IS 'datapunk:erasure=no-user-data (hashes and a sequence number only)';
