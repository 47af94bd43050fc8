using NodaTime;

namespace Datapunk.Lake.Reading;

/// <summary>
/// Days and hours of one IANA time zone as UTC instants: where each local day and hour starts,
/// daylight-saving changes included (a day may last 23 or 25 hours; a skipped midnight starts the
/// day at the first local time that exists). NodaTime's own copy of the IANA database decides, so
/// the answer does not depend on the host's tzdata.
/// </summary>
public sealed class LocalCalendar
{
    private readonly DateTimeZone _zone;

    private LocalCalendar(DateTimeZone zone) => _zone = zone;

    public const string Utc = "UTC";

    public string ZoneId => _zone.Id;

    /// <summary>The calendar of <paramref name="zoneId"/>, or an error saying it is not a zone.</summary>
    public static LocalCalendar? Resolve(string? zoneId, QueryErrors errors)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(string.IsNullOrWhiteSpace(zoneId) ? Utc : zoneId.Trim()) is { } zone)
        {
            return new LocalCalendar(zone);
        }

        errors.Add("tz", $"'{zoneId}' is not an IANA time zone id (such as Europe/Berlin, America/New_York or UTC).");
        return null;
    }

    /// <summary>The calendar of <paramref name="zoneId"/>, or null when NodaTime's IANA database does not know it.</summary>
    public static LocalCalendar? Find(string? zoneId) =>
        string.IsNullOrWhiteSpace(zoneId) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId.Trim()) is not { } zone ? null : new LocalCalendar(zone);

    /// <summary>
    /// The UTC offsets this zone has between <paramref name="start"/> and <paramref name="end"/>: where each
    /// starts (the first at <paramref name="start"/>) and the offset in seconds, rounded to whole minutes
    /// (a few zones' historical mean solar time had seconds, which no clock shows).
    /// </summary>
    public IEnumerable<(DateTime Start, int OffsetSeconds)> Offsets(DateTime start, DateTime end)
    {
        foreach (var interval in _zone.GetZoneIntervals(Instant.FromDateTimeUtc(start), Instant.FromDateTimeUtc(end)))
        {
            var from = interval.HasStart && interval.Start.ToDateTimeUtc() > start ? interval.Start.ToDateTimeUtc() : start;
            yield return (from, (int)Math.Round(interval.WallOffset.Seconds / 60.0) * 60);
        }
    }

    /// <summary>When <paramref name="date"/> starts in this zone.</summary>
    public DateTime StartOf(DateOnly date) =>
        _zone.AtStartOfDay(new LocalDate(date.Year, date.Month, date.Day)).ToDateTimeUtc();

    /// <summary>
    /// Where each day of <paramref name="from"/> to <paramref name="to"/> starts, and where the last one
    /// ends: days + 1 ascending instants, the thresholds PostgreSQL's <c>width_bucket</c> takes.
    /// </summary>
    public DateTime[] DayStarts(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var starts = new DateTime[days + 1];
        for (var day = 0; day <= days; day++)
        {
            starts[day] = StartOf(from.AddDays(day));
        }

        return starts;
    }

    /// <summary>
    /// Where each local hour between <paramref name="start"/> and <paramref name="end"/> starts, beginning
    /// with <paramref name="start"/>: instants at which the local clock shows a whole hour. Offsets are
    /// whole quarters of an hour in every zone today, so quarter-hour steps find them; where a zone's
    /// historical offset is not, the hour is counted from the quarter-hour before. The hour a
    /// daylight-saving change repeats is two hours, one per offset.
    /// </summary>
    public DateTime[] HourStarts(DateTime start, DateTime end)
    {
        var hours = new List<DateTime> { start };
        var step = TimeSpan.FromMinutes(15);
        var previousHour = LocalHour(start);
        for (var at = start + step; at < end; at += step)
        {
            var hour = LocalHour(at);
            if (hour != previousHour)
            {
                hours.Add(at);
                previousHour = hour;
            }
        }

        return [.. hours];
    }

    /// <summary><paramref name="utc"/> as this zone's clock shows it, with its offset.</summary>
    public DateTimeOffset ToLocal(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(_zone).ToDateTimeOffset();

    private (LocalDateTime Hour, Offset Offset) LocalHour(DateTime utc)
    {
        var zoned = Instant.FromDateTimeUtc(utc).InZone(_zone);
        return (zoned.Date + new LocalTime(zoned.Hour, 0), zoned.Offset);
    }
}
