using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// Whose data a template reads and how it reads dates: the user's clock over the question's period
/// (<see cref="Clock"/>: the zone where the user was, from Cortex's places, and the profile's zone
/// between what says so), today's local date, the user's own address.
/// </summary>
internal sealed record AnswerScope(string UserId, LocalCalendar Calendar, LocalClock Clock, (DateTime Start, DateTime End) ClockWindow, DateOnly Today, string? UserEmail)
{
    /// <summary>Where the period starts and ends as UTC instants (the end excluded); the whole of time without a period.</summary>
    public (DateTime Start, DateTime End) Range(LocalPeriod? period) => period is null
        ? (new DateTime(1800, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc))
        : (Clock.ToUtc(period.First.ToDateTime(TimeOnly.MinValue)), Clock.ToUtc(period.Last.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>A local date and time of day as a UTC instant (a time skipped by a clock change moves forward).</summary>
    public DateTime Instant(DateOnly date, TimeOnly time) => Clock.ToUtc(date.ToDateTime(new TimeOnly(time.Hour, time.Minute)));

    /// <summary>
    /// How answers name the clock they speak in: the profile's zone while the user was where it says,
    /// else "local time" (a traveller's evening in New York is told on New York's clock).
    /// </summary>
    public string ZoneLabel => Clock.Starts.Select((start, i) => Calendar.ToLocal(start).Offset.TotalSeconds == Clock.OffsetSeconds[i]).All(same => same)
        ? Calendar.ZoneId
        : "local time";

    /// <summary>A UTC instant on the user's clock; outside the question's period (a "when did I last" answer), on the profile's.</summary>
    public DateTimeOffset ToLocal(DateTime utc) =>
        utc >= ClockWindow.Start && utc < ClockWindow.End ? Clock.ToLocal(utc) : Calendar.ToLocal(utc);

    /// <summary>"in 2019", "in May 2019", "from 1 December 2019 to 29 February 2020", or "in all your data".</summary>
    public static string During(LocalPeriod? period) => period switch
    {
        null => "in all your data",
        { First: var first, Last: var last } when first == last => $"on {period.Describe()}",
        _ when period.Describe().Contains(" to ", StringComparison.Ordinal) => $"from {period.Describe()}",
        _ => $"in {period.Describe()}",
    };

    /// <summary>A UTC instant as the user's clock showed it, with the date: "Sat 3 May 2019 01:30".</summary>
    public string Local(DateTimeOffset utc) => $"{ToLocal(utc.UtcDateTime):ddd d MMMM yyyy HH:mm}";

    public string LocalTime(DateTimeOffset utc) => $"{ToLocal(utc.UtcDateTime):HH:mm}";

    public DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc.UtcDateTime).DateTime);
}
