namespace Datapunk.Users.Audit;

/// <summary>
/// The append-only, hash-chained log of access to personal data (table <c>archive.audit_log</c>).
/// Appends from every silo form one chain; a user reads only entries that name them.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends one entry; it is durable when this returns.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Appends entries in their order, in one transaction: all or none.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// The entries whose subject or actor is <paramref name="userId"/>, newest first, at most
    /// <paramref name="limit"/>, with sequence numbers below <paramref name="before"/> when given
    /// (pass the last entry's sequence number to read the next page).
    /// </summary>
    Task<IReadOnlyList<AuditLogEntry>> ReadTrailAsync(string userId, long? before, int limit, CancellationToken cancellationToken);

    /// <summary>Checks every entry: content hashes of unredacted entries, the chain of all, and the chain's head.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For erasure: appends an <see cref="AuditActions.AccountErased"/> tombstone and blanks
    /// <paramref name="userId"/> from every earlier entry (actor or subject becomes
    /// <see cref="AuditActors.Erased"/>, details are dropped), keeping the chain valid. Returns the
    /// tombstone's sequence number.
    /// </summary>
    Task<long> RedactSubjectAsync(string userId, CancellationToken cancellationToken);
}
