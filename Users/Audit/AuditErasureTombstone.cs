using Datapunk.Grains;
using Datapunk.Users.Privacy;

namespace Datapunk.Users.Audit;

/// <summary>
/// An erasure's tombstone in the audit log: the erased user's entries lose every identifying field
/// (the chain stays verifiable) and one "account.erased" entry records that it happened.
/// </summary>
public sealed class AuditErasureTombstone(IAuditLog audit) : IErasureTombstone
{
    public Task WriteAsync(ErasureReport report, CancellationToken cancellationToken) =>
        audit.RedactSubjectAsync(report.UserId, cancellationToken);
}
