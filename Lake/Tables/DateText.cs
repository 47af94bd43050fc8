using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Dates and timestamps as people write them: ISO 8601 (<c>2024-03-05</c>, <c>2024-03-05T14:30:00+01:00</c>,
/// <c>2024-03-05 14:30</c>), and day or month first with dots, slashes or dashes (<c>05.03.2024</c>,
/// <c>3/5/2024 2:30 PM</c>). A timestamp without an offset is taken as UTC.
/// </summary>
public static partial class DateText
{
    public static bool TryParseDate(string text, bool monthFirst, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(text.Trim());
        return match.Success && TryDate(match, monthFirst, out date);
    }

    public static bool TryParseTimestamp(string text, bool monthFirst, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var s = text.Trim();
        var match = TimestampPattern().Match(s);
        if (!match.Success || !TryDate(match, monthFirst, out var date))
        {
            return false;
        }

        if (!match.Groups["hour"].Success)
        {
            timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        var hour = int.Parse(match.Groups["hour"].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].ValueSpan, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var ticks = match.Groups["fraction"].Success ? long.Parse(match.Groups["fraction"].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = hour % 12 + (char.ToUpperInvariant(match.Groups["ampm"].Value[0]) == 'P' ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (match.Groups["zone"].Success && match.Groups["zone"].Value is not ("Z" or "z"))
        {
            var zone = match.Groups["zone"].Value.Replace(":", "", StringComparison.Ordinal);
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = zone.Length > 3 ? int.Parse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }

        timestamp = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(ticks), offset);
        return true;
    }

    /// <summary>What a date like <c>13/04/2024</c> proves: day first (a first part over 12) or month first (a second part over 12); null when it proves neither.</summary>
    public static bool? MonthFirstEvidence(string text)
    {
        var match = TimestampPattern().Match(text.Trim());
        if (!match.Success || !match.Groups["first"].Success)
        {
            return null;
        }

        var first = int.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture);
        return first > 12 && second <= 12 ? false : second > 12 && first <= 12 ? true : null;
    }

    private static bool TryDate(Match match, bool monthFirst, out DateOnly date)
    {
        date = default;
        int year, month, day;
        if (match.Groups["year"].Success)
        {
            year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            month = int.Parse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
            day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        }
        else
        {
            year = int.Parse(match.Groups["year2"].ValueSpan, CultureInfo.InvariantCulture);
            var first = int.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture);
            var second = int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture);
            (month, day) = monthFirst ? (first, second) : (second, first);
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private const string DatePart = @"(?:(?<year>\d{4})(?<sep>[-/.])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})|(?<first>\d{1,2})(?<sep2>[-/.])(?<second>\d{1,2})\k<sep2>(?<year2>\d{4}))";

    [GeneratedRegex("^" + DatePart + "$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex("^" + DatePart + @"(?:(?:[T ]|,? )(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?\s*(?<ampm>[AaPp][Mm])?\s*(?<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
