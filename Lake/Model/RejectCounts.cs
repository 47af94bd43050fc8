using System.Text.Json.Nodes;
using Datapunk.Lake.Formats;

namespace Datapunk.Lake.Model;

/// <summary>
/// Records rejected, counted by <see cref="RejectReason"/>: the sum of the <c>rejected</c> objects
/// that finished entries stored in <c>imports.files.counts</c> (see <see cref="RejectedRecords.ToJson"/>).
/// </summary>
public sealed class RejectCounts
{
    private readonly long[] _counts = new long[RejectReasons.All.Count];

    public long this[RejectReason reason] => _counts[(int)reason];

    public long Total => _counts.Sum();

    public void Add(RejectReason reason, long count) => _counts[(int)reason] += count;

    /// <summary>Adds the counts of a stored jsonb object of counts by reason name; unknown names are ignored.</summary>
    public void AddJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject counts)
        {
            return;
        }

        foreach (var reason in RejectReasons.All)
        {
            if (counts[reason.ToName()] is JsonValue value && value.TryGetValue<long>(out var count))
            {
                _counts[(int)reason] += count;
            }
        }
    }

    /// <summary>
    /// The reasons that occurred, by name, in the order of <see cref="RejectReason"/> (the report's
    /// <c>rejectedRecords</c> object; empty when nothing was rejected). Unlike kinds and rules, zeros
    /// are left out: there are many reasons and most files meet none.
    /// </summary>
    public Dictionary<string, long> ToDictionary() =>
        RejectReasons.All.Where(reason => _counts[(int)reason] != 0).ToDictionary(reason => reason.ToName(), reason => _counts[(int)reason]);
}
