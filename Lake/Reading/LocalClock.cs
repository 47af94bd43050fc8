namespace Datapunk.Lake.Reading;

/// <summary>
/// A user's clock over a window of time: the UTC offset in force from each of <see cref="Starts"/> on,
/// the offsets of the zone where the user was (<see cref="ZoneSpan"/>) and of the query's zone
/// between them, daylight-saving changes included (NodaTime's IANA database decides). A traveller's
/// 3 May in New York is 3 May on New York's clock, whatever zone their profile names.
/// </summary>
public sealed class LocalClock
{
    /// <summary>UTC offsets in use lie within -12 and +14 hours, so a local day lies within these of the same UTC day.</summary>
    private static readonly TimeSpan EarliestOffset = TimeSpan.FromHours(-12);

    private static readonly TimeSpan LatestOffset = TimeSpan.FromHours(14);

    private readonly DateTime[] _starts;

    private readonly int[] _offsetSeconds;

    private LocalClock(DateTime[] starts, int[] offsetSeconds)
    {
        _starts = starts;
        _offsetSeconds = offsetSeconds;
    }

    /// <summary>Where each offset starts (UTC, ascending; the first is the window's start): the thresholds of PostgreSQL's <c>width_bucket</c>.</summary>
    public IReadOnlyList<DateTime> Starts => _starts;

    /// <summary>The offset from each of <see cref="Starts"/> on, in seconds.</summary>
    public IReadOnlyList<int> OffsetSeconds => _offsetSeconds;

    internal DateTime[] StartsArray => _starts;

    internal int[] OffsetSecondsArray => _offsetSeconds;

    /// <summary>The UTC instants within which local days <paramref name="from"/> to <paramref name="to"/> can fall, in any zone.</summary>
    public static (DateTime Start, DateTime End) Window(DateOnly from, DateOnly to) =>
        (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - LatestOffset, to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - EarliestOffset);

    /// <summary>
    /// The clock from <paramref name="start"/> to <paramref name="end"/>: each span's zone within it (a zone
    /// NodaTime does not know counts as no span), <paramref name="fallback"/>'s between them.
    /// </summary>
    public static LocalClock Build(LocalCalendar fallback, DateTime start, DateTime end, IReadOnlyList<ZoneSpan> spans)
    {
        var starts = new List<DateTime>();
        var offsets = new List<int>();
        void Append(LocalCalendar calendar, DateTime from, DateTime to)
        {
            foreach (var (at, offset) in calendar.Offsets(from, to))
            {
                if (offsets.Count == 0 || offsets[^1] != offset)
                {
                    starts.Add(DateTime.SpecifyKind(at, DateTimeKind.Utc));
                    offsets.Add(offset);
                }
            }
        }

        var covered = start;
        foreach (var span in spans.OrderBy(span => span.Start))
        {
            var (from, to) = (span.Start > covered ? span.Start : covered, span.End < end ? span.End : end);
            if (to <= from || LocalCalendar.Find(span.ZoneId) is not { } zone)
            {
                continue;
            }

            if (from > covered)
            {
                Append(fallback, covered, from);
            }

            Append(zone, from, to);
            covered = to;
        }

        if (covered < end || starts.Count == 0)
        {
            Append(fallback, covered, end > covered ? end : covered.AddTicks(1));
        }

        return new LocalClock([.. starts], [.. offsets]);
    }

    /// <summary>The offset in force at <paramref name="utc"/> (the first one before the window).</summary>
    public TimeSpan OffsetAt(DateTime utc)
    {
        var index = Array.BinarySearch(_starts, DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeSpan.FromSeconds(_offsetSeconds[index >= 0 ? index : Math.Max(0, ~index - 1)]);
    }

    /// <summary>
    /// The first UTC instant the user's clock showed <paramref name="local"/>: the earlier of the two in an
    /// hour a clock change repeats, and the moment of the change for a time it skipped (a flight east
    /// over midnight skips part of a day). Before the window, the first offset is extended.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            var candidate = DateTime.SpecifyKind(local, DateTimeKind.Unspecified) - TimeSpan.FromSeconds(_offsetSeconds[i]);
            var end = i + 1 < _starts.Length ? _starts[i + 1] : DateTime.MaxValue;
            if (candidate < end)
            {
                return DateTime.SpecifyKind(i == 0 || candidate >= _starts[i] ? candidate : _starts[i], DateTimeKind.Utc);
            }
        }

        throw new InvalidOperationException("A clock's last offset lasts for ever.");
    }

    /// <summary><paramref name="utc"/> as the user's clock showed it, with its offset.</summary>
    public DateTimeOffset ToLocal(DateTime utc) => ToLocal(utc, OffsetAt(utc));

    /// <summary><paramref name="utc"/> on a clock <paramref name="offset"/> from UTC.</summary>
    public static DateTimeOffset ToLocal(DateTime utc, TimeSpan offset) =>
        new(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + offset, offset);
}
