using System.Diagnostics;

namespace Datapunk.Silo.Telemetry;

/// <summary>The call totals of every grain type at one moment (a <see cref="Stopwatch"/> timestamp).</summary>
public sealed record CallSample(long Timestamp, IReadOnlyDictionary<string, GrainCallTotals> ByGrainType)
{
    /// <summary>Per grain type, what happened between <paramref name="earlier"/> and this sample.</summary>
    public IReadOnlyList<GrainCallWindow> Since(CallSample? earlier)
    {
        var seconds = earlier is null ? 0 : Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
        var windows = new List<GrainCallWindow>(ByGrainType.Count);
        foreach (var (grainType, now) in ByGrainType)
        {
            var before = earlier?.ByGrainType.GetValueOrDefault(grainType) ?? GrainCallTotals.None;
            windows.Add(GrainCallWindow.Between(grainType, seconds, before, now));
        }

        windows.Sort(static (a, b) => string.CompareOrdinal(a.GrainType, b.GrainType));
        return windows;
    }
}
