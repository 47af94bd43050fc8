namespace Datapunk.Lake.Reading;

/// <summary>
/// The kinds a timeline shows: the record kinds read from <c>user_data.records</c>, and whether the
/// hourly summaries of location fixes are among them. No names given: every kind.
/// </summary>
internal sealed record TimelineKinds(short[] Records, bool Fixes)
{
    private static readonly TimelineKinds Every = new([.. RecordKindNames.Records.Select(kind => (short)kind)], true);

    public static TimelineKinds Parse(IReadOnlyList<string>? names, QueryErrors errors)
    {
        if (names is null || names.Count == 0)
        {
            return Every;
        }

        var records = new List<short>();
        var fixes = false;
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (!RecordKindNames.TryParse(name, out var kind))
            {
                errors.Add("kind", $"'{name}' is not a kind; the kinds are {string.Join(", ", RecordKinds.All.Select(known => known.ToName()))}.");
            }
            else if (kind == RecordKind.LocationPoint)
            {
                fixes = true;
            }
            else
            {
                records.Add((short)kind);
            }
        }

        return new TimelineKinds([.. records], fixes);
    }
}
