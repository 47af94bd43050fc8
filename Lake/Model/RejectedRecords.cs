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

    private readonly List<string> _examples = [];

    public RejectCounts Counts { get; } = new();

    public long this[RejectReason reason] => Counts[reason];

    public long Total => Counts.Total;

    /// <summary>"reason: message" for the first <see cref="ExamplesPerReason"/> rejections of each reason.</summary>
    public IReadOnlyList<string> Examples => _examples;

    public void Add(RejectReason reason, string example)
    {
        Counts.Add(reason, 1);
        if (Counts[reason] <= ExamplesPerReason)
        {
            _examples.Add($"{reason.ToName()}: {example}");
        }
    }

}
