namespace Datapunk.Grains;

/// <summary>The body of <c>GET /api/v1/admin/audit/verify</c>: the whole audit chain checked.</summary>
/// <param name="EntriesChecked">Entries read.</param>
/// <param name="Valid">Every entry's content and link hold, and the chain ends where its head says.</param>
/// <param name="FirstBrokenSequence">The lowest sequence number that does not hold, when one does not.</param>
/// <param name="Reason">Why that entry does not hold.</param>
/// <param name="HeadSequence">The chain's last sequence number.</param>
/// <param name="HeadHash">The chain's last entry hash (hex); kept elsewhere, it shows a later rewrite of the whole chain.</param>
public sealed record AuditVerificationReport(
    long EntriesChecked, bool Valid, long? FirstBrokenSequence, string? Reason, long HeadSequence, string HeadHash);
