using NodaTime;

namespace Datapunk.Forge.Routines;

/// <summary>
/// Seconds spent by hour of the week in one time zone: 168 buckets, Monday 00:00-01:00 first. A stay
/// is cut at every local hour boundary, so a night at home fills the night's hours of the right days,
/// daylight-saving changes included.
/// </summary>
internal sealed class HourOfWeekDwell(DateTimeZone zone)
{
    public double[] Seconds { get; } = new double[168];

    public void Add(DateTimeOffset arrived, DateTimeOffset left)
    {
        var at = Instant.FromDateTimeOffset(arrived);
        var end = Instant.FromDateTimeOffset(left);
        while (at < end)
        {
            var local = at.InZone(zone).LocalDateTime;
            var hourStart = local.Date.At(new LocalTime(local.Hour, 0));
            var next = zone.AtLeniently(hourStart.PlusHours(1)).ToInstant();
            if (next <= at)
            {
                next = at + Duration.FromHours(1);
            }

            var until = next < end ? next : end;
            Seconds[Bucket(local.DayOfWeek, local.Hour)] += (until - at).TotalSeconds;
            at = until;
        }
    }

    /// <summary>The seconds in the hours <paramref name="fromHour"/> to <paramref name="toHour"/> (wrapping past midnight) of the given days.</summary>
    public double Sum(IEnumerable<IsoDayOfWeek> days, int fromHour, int toHour)
    {
        var total = 0.0;
        foreach (var day in days)
        {
            for (var hour = fromHour; hour != toHour; hour = (hour + 1) % 24)
            {
                total += Seconds[Bucket(day, hour)];
            }
        }

        return total;
    }

    private static int Bucket(IsoDayOfWeek day, int hour) => ((int)day - 1) * 24 + hour;
}
