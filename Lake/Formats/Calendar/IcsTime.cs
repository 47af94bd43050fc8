using System.Globalization;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Calendar;

/// <summary>
/// An iCalendar DATE or DATE-TIME resolved to UTC. UTC values (<c>…Z</c>) are taken as they are,
/// <c>TZID=</c> values are converted with the system zone, floating values use the calendar's
/// <c>X-WR-TIMEZONE</c> (UTC when it has none), and all-day dates are midnight UTC of that date so
/// the calendar day never shifts with the reader's zone.
/// </summary>
/// <param name="Utc">The instant (midnight UTC for a date).</param>
/// <param name="IsDate">True for an all-day DATE value.</param>
/// <param name="ZoneKnown">False when a TZID was given that no system zone matches (the value was read as UTC).</param>
public readonly record struct IcsTime(DateTime Utc, bool IsDate, bool ZoneKnown = true)
{
    private static readonly string[] DateTimeFormats = ["yyyyMMdd'T'HHmmss", "yyyyMMdd'T'HHmm"];

    /// <summary>A stable text key for identities and lists: <c>20240108</c> or <c>20240108T080000Z</c>.</summary>
    public string Key => IsDate
        ? Utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
        : Utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string value, string? tzid, bool dateParameter, TimeZoneInfo? floatingZone, TimeZoneResolver zones, out IcsTime time)
    {
        time = default;
        value = value.Trim();
        if (dateParameter || (value.Length == 8 && value.All(char.IsAsciiDigit)))
        {
            if (!DateTime.TryParseExact(value.Length >= 8 ? value[..8] : value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            time = new IcsTime(DateTime.SpecifyKind(date, DateTimeKind.Utc), IsDate: true);
            return true;
        }

        var utc = value.EndsWith('Z') || value.EndsWith('z');
        var text = utc ? value[..^1] : value;
        if (!DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // Not RFC 5545, but exporters write ISO-8601 with dashes now and then.
            if (Timestamps.TryParse(value, out var iso))
            {
                time = new IcsTime(iso, IsDate: false);
                return true;
            }

            return false;
        }

        if (utc)
        {
            time = new IcsTime(DateTime.SpecifyKind(local, DateTimeKind.Utc), IsDate: false);
            return true;
        }

        var zone = tzid is null ? floatingZone : zones.Find(tzid);
        time = zone is null
            ? new IcsTime(DateTime.SpecifyKind(local, DateTimeKind.Utc), IsDate: false, ZoneKnown: tzid is null)
            : new IcsTime(TimeZoneResolver.ToUtc(local, zone), IsDate: false);
        return true;
    }
}
