namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// The local days a question is about, first and last included, and a time of day when it named one
/// ("at 14:00 on 3 May 2019"). <see cref="Phrase"/> is the words that named it, as written.
/// </summary>
public sealed record LocalPeriod(DateOnly First, DateOnly Last, string Phrase, TimeOnly? At = null)
{
    public static LocalPeriod Day(DateOnly day, string phrase) => new(day, day, phrase);

    public static LocalPeriod Month(int year, int month, string phrase) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), phrase);

    public static LocalPeriod Year(int year, string phrase) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), phrase);

    /// <summary>How the period reads in an answer: "3 May 2019", "May 2019", "1 Dec 2019 to 29 Feb 2020".</summary>
    public string Describe()
    {
        var at = At is { } time ? $" at {time:HH:mm}" : "";
        if (First == Last)
        {
            return $"{First:d MMMM yyyy}{at}";
        }

        if (First.Day == 1 && Last == First.AddMonths(1).AddDays(-1))
        {
            return $"{First:MMMM yyyy}";
        }

        return First.DayOfYear == 1 && Last == new DateOnly(First.Year, 12, 31) ? $"{First.Year}" : $"{First:d MMMM yyyy} to {Last:d MMMM yyyy}";
    }
}
