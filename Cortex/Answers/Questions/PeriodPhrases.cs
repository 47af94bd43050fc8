using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// The phrases that name a period, in English, German and French, each with how it becomes local
/// days given today's local date. Read top to bottom: the first phrase found in the question wins,
/// so longer phrases ("between X and Y", "at 14:00 on X") come before the ones inside them ("on X").
/// </summary>
internal static class PeriodPhrases
{
    private delegate LocalPeriod? ToPeriod(Match match, DateOnly today);

    private sealed record Phrase(Regex Pattern, ToPeriod Read);

    private static readonly string DateA = DateWords.Pattern("a");
    private static readonly string DateB = DateWords.Pattern("b");
    private const string Time = @"(?<h>\d{1,2})(?:(?::|h)(?<min>\d{2}))?\s*(?:(?<pm>pm|am)|h|uhr)?";
    private const string Year = @"(?<y>(?:19|20)\d{2})";

    private static readonly Phrase[] Phrases =
    [
        // A time of day on a date: "at 14:00 on 3 May 2019", "am 3. Mai 2019 um 14 Uhr", "le 3 mai 2019 à 14h".
        new(Rx($@"\b(?:at|um|à)\s+{Time}\s+(?:on\s+(?:the\s+)?|am\s+|le\s+)?{DateA}"), (m, _) => At(m)),
        new(Rx($@"\b(?:on\s+(?:the\s+)?|am\s+|le\s+)?{DateA},?\s+(?:at|um|à)\s+{Time}"), (m, _) => At(m)),
        new(Rx($@"\b(?:between|zwischen|entre)\s+(?:the\s+|dem\s+|le\s+)?{DateA}\s+(?:and|und|et)\s+(?:the\s+|dem\s+|le\s+)?{DateB}"),
            (m, _) => DateWords.Read(m, "a") is { } a && DateWords.Read(m, "b") is { } b && a <= b ? new LocalPeriod(a, b, m.Value) : null),
        new(Rx($@"\b(?:since|seit|depuis)\s+(?:the\s+|dem\s+|le\s+)?{DateA}"),
            (m, today) => DateWords.Read(m, "a") is { } a && a <= today ? new LocalPeriod(a, today, m.Value) : null),
        new(Rx($@"\b(?:on\s+(?:the\s+)?|am\s+|le\s+)?{DateA}"), (m, _) => DateWords.Read(m, "a") is { } a ? LocalPeriod.Day(a, m.Value) : null),
        new(Rx($@"\b(?:in\s+|im\s+|en\s+)?(?<m>{DateWords.MonthPattern})\s+{Year}"),
            (m, _) => LocalPeriod.Month(Number(m, "y"), DateWords.Month(m.Groups["m"].Value), m.Value)),
        new(Rx(@"\b(?:last|previous)\s+winter\b|\b(?:im\s+)?letzten\s+winter\b|\bl'hiver\s+dernier\b"), (m, today) => LastSeason(today, 12, m.Value)),
        new(Rx(@"\b(?:last|previous)\s+summer\b|\b(?:im\s+)?letzten\s+sommer\b|\bl'été\s+dernier\b"), (m, today) => LastSeason(today, 6, m.Value)),
        new(Rx(@"\b(?:last|previous)\s+month\b|\b(?:im\s+)?letzten\s+monat\b|\ble\s+mois\s+dernier\b"),
            (m, today) => LocalPeriod.Month(today.AddMonths(-1).Year, today.AddMonths(-1).Month, m.Value)),
        new(Rx(@"\b(?:last|previous)\s+week\b|\bletzte\s+woche\b|\bla\s+semaine\s+dernière\b"), (m, today) => LastWeek(today, m.Value)),
        new(Rx(@"\b(?:last|previous)\s+year\b|\bletztes\s+jahr\b|\b(?:im\s+)?letzten\s+jahr\b|\bl'année\s+dernière\b|\bl'an\s+dernier\b"),
            (m, today) => LocalPeriod.Year(today.Year - 1, m.Value)),
        new(Rx(@"\bthis\s+year\b|\bdieses\s+jahr\b|\bcette\s+année\b"), (m, today) => new LocalPeriod(new DateOnly(today.Year, 1, 1), today, m.Value)),
        new(Rx(@"\bthis\s+month\b|\bdiesen\s+monat\b|\bce\s+mois-ci\b|\bce\s+mois\b"), (m, today) => new LocalPeriod(new DateOnly(today.Year, today.Month, 1), today, m.Value)),
        new(Rx(@"\byesterday\b|\bgestern\b|\bhier\b"), (m, today) => LocalPeriod.Day(today.AddDays(-1), m.Value)),
        new(Rx(@"\btoday\b|\bheute\b|\baujourd'hui\b"), (m, today) => LocalPeriod.Day(today, m.Value)),
        new(Rx($@"\b(?:in\s+(?:the\s+year\s+)?|im\s+jahr(?:e)?\s+|en\s+|during\s+)?{Year}\b"), (m, _) => LocalPeriod.Year(Number(m, "y"), m.Value)),
        // A month without a year is the latest such month that has begun.
        new(Rx($@"\b(?:in|im|en)\s+(?<m>{DateWords.MonthPattern})\b"), (m, today) => LatestMonth(today, DateWords.Month(m.Groups["m"].Value), m.Value)),
    ];

    /// <summary>The first period the (lower-cased) question names, and the question without it; null when it names none.</summary>
    public static (LocalPeriod Period, string Remainder)? Find(string question, DateOnly today)
    {
        foreach (var phrase in Phrases)
        {
            foreach (Match match in phrase.Pattern.Matches(question))
            {
                if (phrase.Read(match, today) is { } period)
                {
                    return (period, QuestionText.Collapse(question.Remove(match.Index, match.Length)));
                }
            }
        }

        return null;
    }

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static LocalPeriod? At(Match match)
    {
        var hour = Number(match, "h");
        var minute = match.Groups["min"].Success ? Number(match, "min") : 0;
        if (match.Groups["pm"].Value == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (match.Groups["pm"].Value == "am" && hour == 12)
        {
            hour = 0;
        }

        return hour < 24 && minute < 60 && DateWords.Read(match, "a") is { } day ? new LocalPeriod(day, day, match.Value, new TimeOnly(hour, minute)) : null;
    }

    /// <summary>The latest three-month season starting in <paramref name="firstMonth"/> that ended before today (winter: December to February).</summary>
    private static LocalPeriod LastSeason(DateOnly today, int firstMonth, string phrase)
    {
        var start = new DateOnly(today.Year, firstMonth, 1);
        while (start.AddMonths(3) > today)
        {
            start = start.AddYears(-1);
        }

        return new LocalPeriod(start, start.AddMonths(3).AddDays(-1), phrase);
    }

    /// <summary>The Monday-to-Sunday week before this one.</summary>
    private static LocalPeriod LastWeek(DateOnly today, string phrase)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        return new LocalPeriod(monday, monday.AddDays(6), phrase);
    }

    private static LocalPeriod LatestMonth(DateOnly today, int month, string phrase) =>
        LocalPeriod.Month(month <= today.Month ? today.Year : today.Year - 1, month, phrase);
}
