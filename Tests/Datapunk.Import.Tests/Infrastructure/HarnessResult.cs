using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>How a harness import ended.</summary>
internal sealed record HarnessResult(Guid ImportId, ImportRunOutcome Outcome, long PeakMemoryBytes)
{
    public ImportTotals Totals => Outcome.Totals
        ?? throw new ShouldAssertException($"The import ended {Outcome.End} without figures: {Outcome.Message}\n{Outcome.Error}");

    public long Inserted(string kind) => Totals.Inserted.ToDictionary()[kind];
}
