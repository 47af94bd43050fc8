namespace Datapunk.Users.Audit;

/// <summary>
/// What verification reads of one entry (<c>archive.audit_chain_links</c>): no actor, subject or
/// details, only the hashes, and the content hash the database recomputed from the stored fields
/// (null for a redacted entry, whose fields were blanked on purpose).
/// </summary>
internal sealed record AuditChainLink(
    long Sequence, string Action, bool Redacted, long? RedactedBy,
    byte[] ContentHash, byte[]? RecomputedContentHash, byte[] PreviousHash, byte[] EntryHash);
