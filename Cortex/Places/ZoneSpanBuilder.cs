using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Turns time-ordered zone samples into spans: consecutive samples of one zone are one span; the time
/// between two spans of different zones goes half to each (a time is in the zone of the nearest sample
/// in time); the first span starts <c>reach</c> before its first sample and the last ends <c>reach</c>
/// after its last, so that no distant time is claimed for a zone.
/// </summary>
public static class ZoneSpanBuilder
{
    public static IReadOnlyList<StoredZoneSpan> Build(IReadOnlyList<ZoneSample> samples, TimeSpan reach)
    {
        var runs = new List<(DateTime First, DateTime Last, string ZoneId, int Samples)>();
        foreach (var sample in samples.OrderBy(sample => sample.At))
        {
            if (runs.Count > 0 && runs[^1].ZoneId == sample.ZoneId)
            {
                runs[^1] = runs[^1] with { Last = sample.At, Samples = runs[^1].Samples + 1 };
            }
            else
            {
                runs.Add((sample.At, sample.At, sample.ZoneId, 1));
            }
        }

        var spans = new List<StoredZoneSpan>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var start = i == 0 ? runs[i].First - reach : Middle(runs[i - 1].Last, runs[i].First);
            var end = i == runs.Count - 1 ? runs[i].Last + reach : Middle(runs[i].Last, runs[i + 1].First);
            spans.Add(new StoredZoneSpan(new ZoneSpan(start, end > start ? end : start.AddSeconds(1), runs[i].ZoneId), runs[i].Samples));
        }

        return spans;
    }

    private static DateTime Middle(DateTime earlier, DateTime later) =>
        DateTime.SpecifyKind(earlier + (later - earlier) / 2, DateTimeKind.Utc);
}
