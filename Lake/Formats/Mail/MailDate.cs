using System.Globalization;
using System.Text.RegularExpressions;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// RFC 5322 dates as mailers really write them: with or without the weekday, one-digit days,
/// two-digit years, no seconds, numeric zones or the obsolete names (GMT, UT, EST … PDT), trailing
/// comments like <c>(UTC)</c>. Anything else falls back to the ISO-style forms of <see cref="Timestamps"/>.
/// </summary>
public static partial class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["CET"] = 1, ["CEST"] = 2, ["BST"] = 1,
    };

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Rfc5322().Match(Comment().Replace(text, " "));
        if (!match.Success)
        {
            return Timestamps.TryParse(text, out utc);
        }

        var month = Array.IndexOf(Months, match.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (month == 0 || year is < 1970 or > 2200 || day is < 1 or > 31 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        utc = DateTime.SpecifyKind(local - ZoneOffset(match.Groups["zone"].Value), DateTimeKind.Utc);
        return true;
    }

    /// <summary>A numeric zone (+0100, -07:00) or a known name; unknown names and a missing zone count as UTC.</summary>
    public static TimeSpan ZoneOffset(string zone)
    {
        zone = zone.Trim();
        if (zone.Length >= 5 && zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            {
                var offset = new TimeSpan(hhmm / 100, hhmm % 100, 0);
                return zone[0] == '-' ? -offset : offset;
            }
        }

        return ZoneHours.TryGetValue(zone, out var hours) ? TimeSpan.FromHours(hours) : TimeSpan.Zero;
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z]+\s*,?\s*)?(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{4}|\d{2})\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\.\d+)?\s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc5322();

    [GeneratedRegex(@"\([^()]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
