namespace Datapunk.Benchmarks.Evaluation;

/// <summary>Dates and months as a person writes them in English, German and French.</summary>
internal static class QuestionWords
{
    private static readonly string[] English = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    private static readonly string[] German = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static readonly string[] French = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static readonly string[] Languages = ["en", "de", "fr"];

    public static string Month(int month, string language) => language switch
    {
        "de" => German[month - 1],
        "fr" => French[month - 1],
        _ => English[month - 1],
    };

    /// <summary>"3 May 2025", "3. Mai 2025", "3 mai 2025" (French "1er" for the first).</summary>
    public static string Date(DateOnly day, string language) => language switch
    {
        "de" => $"{day.Day}. {German[day.Month - 1]} {day.Year}",
        "fr" => $"{(day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture))} {French[day.Month - 1]} {day.Year}",
        _ => $"{day.Day} {English[day.Month - 1]} {day.Year}",
    };

    /// <summary>"in May 2025", "im Mai 2025", "en mai 2025".</summary>
    public static string InMonth(int month, string language) => language switch
    {
        "de" => $"im {German[month - 1]} {SyntheticPersonYear.Year}",
        "fr" => $"en {French[month - 1]} {SyntheticPersonYear.Year}",
        _ => $"in {English[month - 1]} {SyntheticPersonYear.Year}",
    };

    /// <summary>A UTC instant as the answers print it on the clock of <paramref name="zone"/>: "Sat 3 May 2025 01:30".</summary>
    public static string Local(DateTime utc, string zone) =>
        SyntheticPersonYear.ToLocal(utc, zone).ToString("ddd d MMMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Clock(DateTime utc, string zone) => SyntheticPersonYear.ToLocal(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
