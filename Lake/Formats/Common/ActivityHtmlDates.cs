using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Reads the localised dates that end each event of Google's HTML activity exports:
/// <c>Jan 31, 2018, 10:54:50 PM</c> (no zone), <c>29 Nov 2021, 18:06:16 AEDT</c> (day first),
/// <c>Sept 10, 2019, 8:51:45 PM MSK</c>, <c>15.01.2021, 18:54:12 MEZ</c>, <c>31 janv. 2018, 22:54:50 UTC+1</c>.
/// The culture cannot be known from the file, so month names of the common Takeout languages are
/// all accepted and the order of day and month is taken from the shape, not from a culture.
/// </summary>
public static partial class ActivityHtmlDates
{
    /// <summary>Three- or four-letter month stems (lower case) of English, German, French, Spanish, Italian, Dutch and Portuguese.</summary>
    private static readonly Dictionary<string, int> MonthStems = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["ene"] = 1, ["gen"] = 1,
        ["feb"] = 2, ["fév"] = 2, ["fev"] = 2,
        ["mar"] = 3, ["mär"] = 3, ["mrt"] = 3,
        ["apr"] = 4, ["avr"] = 4, ["abr"] = 4,
        ["may"] = 5, ["mai"] = 5, ["mag"] = 5, ["mei"] = 5,
        ["jun"] = 6, ["juin"] = 6, ["giu"] = 6,
        ["jul"] = 7, ["juil"] = 7, ["lug"] = 7,
        ["aug"] = 8, ["aoû"] = 8, ["aou"] = 8, ["ago"] = 8,
        ["sep"] = 9, ["set"] = 9,
        ["oct"] = 10, ["okt"] = 10, ["ott"] = 10, ["out"] = 10,
        ["nov"] = 11,
        ["dec"] = 12, ["déc"] = 12, ["dez"] = 12, ["dic"] = 12,
    };

    /// <summary>Small words some languages put between the date's parts ("31 de ene. de 2018").</summary>
    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal) { "de", "del", "of", "le", "el", "um", "à", "a", "las", "the" };

    /// <summary>Parses the whole text as one date; false when any part is not a date part.</summary>
    public static bool TryParse(string text, out ActivityHtmlTime time)
    {
        time = default;
        if (text.Length is < 8 or > 80 || !text.Contains(':'))
        {
            return false;
        }

        var match = DateLine().Match(Normalise(text));
        if (!match.Success || !TryParseDate(match.Groups["date"].ValueSpan, out var year, out var month, out var day))
        {
            return false;
        }

        var hour = int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = hour % 12 + (char.ToLowerInvariant(match.Groups["ampm"].Value[0]) == 'p' ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        string? zone = match.Groups["zone"].Success ? match.Groups["zone"].Value : null;
        TimeSpan? offset = zone is not null && ActivityTimeZones.TryGetOffset(zone, out var known) ? known : null;
        time = new ActivityHtmlTime(offset is { } o ? local - o : local, zone, offset);
        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        year = month = day = 0;
        Span<int> numbers = stackalloc int[3];
        var numberCount = 0;
        var fourDigitAt = -1;
        var slash = text.Contains('/');
        for (var i = 0; i < text.Length;)
        {
            var start = i;
            if (char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (numberCount == 3 || i - start > 4)
                {
                    return false;
                }

                fourDigitAt = i - start == 4 ? numberCount : fourDigitAt;
                numbers[numberCount++] = int.Parse(text[start..i], CultureInfo.InvariantCulture);
            }
            else if (char.IsLetter(text[i]))
            {
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                var word = text[start..i].ToString().ToLowerInvariant();
                if (TryMonth(word, out var named) && month == 0)
                {
                    month = named;
                }
                else if (!FillerWords.Contains(word))
                {
                    return false;
                }
            }
            else
            {
                i++;
            }
        }

        if (month != 0)
        {
            // "Jan 31, 2018" or "29 Nov 2021": the four-digit number is the year, the other the day.
            if (numberCount != 2 || fourDigitAt < 0)
            {
                return false;
            }

            year = numbers[fourDigitAt];
            day = numbers[1 - fourDigitAt];
        }
        else if (numberCount == 3 && fourDigitAt == 0)
        {
            (year, month, day) = (numbers[0], numbers[1], numbers[2]);
        }
        else if (numberCount == 3 && fourDigitAt == 2)
        {
            // Slashes are the US order (1/31/2018) unless the first number cannot be a month; dots and dashes are day first.
            var monthFirst = slash && numbers[0] <= 12;
            (year, month, day) = monthFirst ? (numbers[2], numbers[0], numbers[1]) : (numbers[2], numbers[1], numbers[0]);
        }
        else
        {
            return false;
        }

        return year is >= 1990 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool TryMonth(string word, out int month)
    {
        month = 0;
        return word.Length >= 3
            && ((word.Length >= 4 && MonthStems.TryGetValue(word[..4], out month)) || MonthStems.TryGetValue(word[..3], out month));
    }

    /// <summary>No-break, narrow no-break and thin spaces become plain spaces; the Unicode minus becomes '-'.</summary>
    private static string Normalise(string text) =>
        text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace('\u2009', ' ').Replace('\u2212', '-').Trim();

    [GeneratedRegex(
        @"^(?<date>[^:]+?)[,\s]+(?:(?:um|à|a las|at)\s+)?(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?(?:\s*(?<ampm>[AaPp]\.?\s?[Mm]\.?))?(?:\s+(?<zone>(?:[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)|[+-]\d{2}:?\d{2}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DateLine();
}
