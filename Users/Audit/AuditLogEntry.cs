namespace Datapunk.Users.Audit;

/// <summary>
/// An entry as the log holds it. A <see cref="Redacted"/> entry belonged to an erased user: its
/// actor or subject reads <see cref="AuditActors.Erased"/> and it has no details.
/// </summary>
public sealed record AuditLogEntry(
    long Sequence, DateTimeOffset At, string Actor, string Subject, string Action, long RecordCount, string Origin,
    IReadOnlyDictionary<string, string>? Details, bool Redacted);
