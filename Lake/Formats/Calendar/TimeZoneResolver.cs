namespace Datapunk.Lake.Formats.Calendar;

/// <summary>
/// Finds the system time zone for an iCalendar TZID: IANA ids (<c>Europe/Berlin</c>, what Google
/// writes), Windows ids where the platform can map them, and vendor-prefixed ids such as
/// <c>/mozilla.org/20050126_1/Europe/Berlin</c> by their IANA tail. Results are cached per reader
/// call; an unknown id yields null and the caller decides what that means.
/// </summary>
public sealed class TimeZoneResolver
{
    private readonly Dictionary<string, TimeZoneInfo?> _cache = new(StringComparer.Ordinal);

    public TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var zone = TryFind(id.Trim().Trim('"'));
        if (zone is null)
        {
            // Vendor prefixes: try the last two, then three, path segments as an IANA id.
            var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var take = 2; zone is null && take <= 3 && take < segments.Length; take++)
            {
                zone = TryFind(string.Join('/', segments[^take..]));
            }
        }

        if (zone is null && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana))
        {
            zone = TryFind(iana);
        }

        _cache[id] = zone;
        return zone;
    }

    /// <summary>
    /// Local wall time to UTC as RFC 5545 §3.3.5 asks: a time in a spring-forward gap uses the offset
    /// before the gap, an ambiguous autumn time its first (daylight) occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
