using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// Calendar dates as people write them in English, German and French ("3 May 2019", "May 3, 2019",
/// "3. Mai 2019", "1er mai 2019", "2019-05-03"), and month names in the three languages. Questions are
/// lower-cased before they are read.
/// </summary>
internal static class DateWords
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["januar"] = 1, ["janvier"] = 1,
        ["february"] = 2, ["feb"] = 2, ["februar"] = 2, ["février"] = 2, ["fevrier"] = 2,
        ["march"] = 3, ["mar"] = 3, ["märz"] = 3, ["maerz"] = 3, ["mars"] = 3,
        ["april"] = 4, ["apr"] = 4, ["avril"] = 4,
        ["may"] = 5, ["mai"] = 5,
        ["june"] = 6, ["jun"] = 6, ["juni"] = 6, ["juin"] = 6,
        ["july"] = 7, ["jul"] = 7, ["juli"] = 7, ["juillet"] = 7,
        ["august"] = 8, ["aug"] = 8, ["août"] = 8, ["aout"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["septembre"] = 9,
        ["october"] = 10, ["oct"] = 10, ["oktober"] = 10, ["octobre"] = 10,
        ["november"] = 11, ["nov"] = 11, ["novembre"] = 11,
        ["december"] = 12, ["dec"] = 12, ["dezember"] = 12, ["décembre"] = 12, ["decembre"] = 12,
    };

    /// <summary>Any month name, longest first so "march" is not read as "mar".</summary>
    public static string MonthPattern { get; } = string.Join('|', Months.Keys.OrderByDescending(name => name.Length).Select(Regex.Escape));

    /// <summary>
    /// A date, its parts in groups named <paramref name="name"/>_iso, _d, _m and _y (several dates in one
    /// phrase need different names): ISO, day-month-year in any of the languages, or month-day-year.
    /// </summary>
    public static string Pattern(string name) =>
        $@"(?:(?<{name}_iso>\d{{4}}-\d{{2}}-\d{{2}})"
        + $@"|(?<{name}_d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+)?(?<{name}_m>{MonthPattern})\.?,?\s+(?<{name}_y>\d{{4}})"
        + $@"|(?<{name}_m>{MonthPattern})\.?\s+(?<{name}_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?<{name}_y>\d{{4}}))";

    /// <summary>The date <see cref="Pattern"/> matched under <paramref name="name"/>, or null when it names none (31 February).</summary>
    public static DateOnly? Read(Match match, string name)
    {
        if (match.Groups[name + "_iso"] is { Success: true } iso)
        {
            return DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        }

        var year = int.Parse(match.Groups[name + "_y"].Value, CultureInfo.InvariantCulture);
        var month = Month(match.Groups[name + "_m"].Value);
        var day = int.Parse(match.Groups[name + "_d"].Value, CultureInfo.InvariantCulture);
        return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public static int Month(string name) => Months[name.TrimEnd('.')];
}
