namespace Datapunk.Users.Audit;

/// <summary>
/// The outcome of checking the whole chain: how many entries were read, whether every one holds,
/// and if not, the lowest sequence number that does not and why. <see cref="HeadSequence"/> and
/// <see cref="HeadHash"/> (hex) name the chain's end: kept elsewhere, they show a later rewrite of
/// the whole chain.
/// </summary>
public sealed record AuditVerification(
    long EntriesChecked, bool Valid, long? FirstBrokenSequence, string? Reason, long HeadSequence, string HeadHash);
