using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>Turning a time on the user's clock back into UTC, across zones and clock changes.</summary>
public sealed class LocalClockTests
{
    private static readonly LocalCalendar Berlin = LocalCalendar.Find("Europe/Berlin")!;

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2024, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateTime Local(int month, int day, int hour, int minute = 0) => new(2024, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_local_time_in_one_zone_is_that_time_less_the_zone_s_offset()
    {
        var clock = LocalClock.Build(Berlin, Utc(5, 1, 0), Utc(5, 10, 0), []);

        clock.ToUtc(Local(5, 3, 0)).ShouldBe(Utc(5, 2, 22));
        clock.ToUtc(Local(5, 3, 0)).Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public void A_time_the_spring_change_skips_is_the_moment_of_the_change_and_a_repeated_one_its_first_occurrence()
    {
        var clock = LocalClock.Build(Berlin, Utc(3, 1, 0), Utc(11, 1, 0), []);

        // 31 March 2024: 02:00 became 03:00 at 01:00 UTC; 02:30 never happened.
        clock.ToUtc(Local(3, 31, 2, 30)).ShouldBe(Utc(3, 31, 1));
        clock.ToUtc(Local(3, 31, 3, 30)).ShouldBe(Utc(3, 31, 1, 30));
        // 27 October 2024: 03:00 went back to 02:00 at 01:00 UTC; 02:30 happened twice.
        clock.ToUtc(Local(10, 27, 2, 30)).ShouldBe(Utc(10, 27, 0, 30));
        clock.ToUtc(Local(10, 27, 3, 30)).ShouldBe(Utc(10, 27, 2, 30));
    }

    [Fact]
    public void A_traveller_s_midnight_is_midnight_where_they_were()
    {
        var span = new ZoneSpan(Utc(5, 2, 12), Utc(5, 6, 0), "America/New_York");
        var clock = LocalClock.Build(Berlin, Utc(5, 1, 0), Utc(5, 10, 0), [span]);

        clock.ToUtc(Local(5, 1, 12)).ShouldBe(Utc(5, 1, 10), "still in Berlin");
        clock.ToUtc(Local(5, 3, 0)).ShouldBe(Utc(5, 3, 4), "in New York (UTC-4)");
        clock.ToUtc(Local(5, 8, 0)).ShouldBe(Utc(5, 7, 22), "back on Berlin's clock");
    }
}
