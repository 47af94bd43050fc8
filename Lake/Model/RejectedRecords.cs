using System.Text.Json.Nodes;
using Datapunk.Lake.Formats;

namespace Datapunk.Lake.Model;

/// <summary>
/// The records an entry's reader or the sink refused, counted by reason, with the first few of each
/// reason as examples that say where in the file they were. A re-read after a crash reads the whole
/// entry again, so the tally of a finished entry is exact however many runs it took.
/// </summary>
public sealed class RejectedRecords
{
    /// <summary>Examples kept per reason.</summary>
    public const int ExamplesPerReason = 3;

    private readonly long[] _counts = new long[RejectReasons.All.Count];
    private readonly List<string> _examples = [];

    public long this[RejectReason reason] => _counts[(int)reason];

    public long Total => _counts.Sum();

    /// <summary>"reason: message" for the first <see cref="ExamplesPerReason"/> rejections of each reason.</summary>
    public IReadOnlyList<string> Examples => _examples;

    public void Add(RejectReason reason, string example)
    {
        if (++_counts[(int)reason] <= ExamplesPerReason)
        {
            _examples.Add($"{reason.ToName()}: {example}");
        }
    }

    /// <summary>The non-zero reasons by name, as the report's <c>rejectedRecords</c> object.</summary>
    public Dictionary<string, long> ToDictionary() =>
        RejectReasons.All.Where(reason => _counts[(int)reason] != 0).ToDictionary(reason => reason.ToName(), reason => _counts[(int)reason]);

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (name, count) in ToDictionary())
        {
            json[name] = count;
        }

        return json;
    }
}
