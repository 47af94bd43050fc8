using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;
using NodaTime;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>Whose data a template reads and how it reads dates: the user's zone, today's local date, the user's own address.</summary>
internal sealed record AnswerScope(string UserId, LocalCalendar Calendar, DateOnly Today, string? UserEmail)
{
    /// <summary>Where the period starts and ends as UTC instants (the end excluded); the whole of time without a period.</summary>
    public (DateTime Start, DateTime End) Range(LocalPeriod? period) => period is null
        ? (new DateTime(1800, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc))
        : (Calendar.StartOf(period.First), Calendar.StartOf(period.Last.AddDays(1)));

    /// <summary>A local date and time of day as a UTC instant (a time skipped by a clock change moves forward).</summary>
    public DateTime Instant(DateOnly date, TimeOnly time) =>
        DateTimeZoneProviders.Tzdb[Calendar.ZoneId]
            .AtLeniently(new LocalDateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute))
            .ToDateTimeUtc();

    /// <summary>"in 2019", "in May 2019", "from 1 December 2019 to 29 February 2020", or "in all your data".</summary>
    public static string During(LocalPeriod? period) => period switch
    {
        null => "in all your data",
        { First: var first, Last: var last } when first == last => $"on {period.Describe()}",
        _ when period.Describe().Contains(" to ", StringComparison.Ordinal) => $"from {period.Describe()}",
        _ => $"in {period.Describe()}",
    };

    /// <summary>A UTC instant as the user's clock showed it, with the date: "Sat 3 May 2019 01:30".</summary>
    public string Local(DateTimeOffset utc) => $"{Calendar.ToLocal(utc.UtcDateTime):ddd d MMMM yyyy HH:mm}";

    public string LocalTime(DateTimeOffset utc) => $"{Calendar.ToLocal(utc.UtcDateTime):HH:mm}";

    public DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(Calendar.ToLocal(utc.UtcDateTime).DateTime);
}
