using Datapunk.Lake.Formats;

namespace Datapunk.Lake.Model;

/// <summary>
/// Records rejected, counted by <see cref="RejectReason"/>: an entry's (<see cref="RejectedRecords"/>)
/// or the sum of the <c>rejected</c> objects finished entries stored in <c>imports.files.counts</c>.
/// </summary>
public sealed class RejectCounts() : NamedCounts<RejectReason>(RejectReasons.All, reason => reason.ToName())
{
    /// <summary>
    /// The reasons that occurred, by name, in the order of <see cref="RejectReason"/> (the report's
    /// <c>rejectedRecords</c> object; empty when nothing was rejected). Unlike kinds and rules, zeros
    /// are left out: there are many reasons and most files meet none.
    /// </summary>
    public override Dictionary<string, long> ToDictionary() =>
        RejectReasons.All.Where(reason => this[reason] != 0).ToDictionary(reason => reason.ToName(), reason => this[reason]);
}
