using Datapunk.Lake.Reading;

namespace Datapunk.Import.Tests.Reading;

/// <summary>Local days and hours as UTC instants, across daylight-saving changes and odd offsets.</summary>
public sealed class LocalCalendarTests
{
    private static LocalCalendar Zone(string id) => LocalCalendar.Resolve(id, new QueryErrors()).ShouldNotBeNull(id);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2019, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void The_day_daylight_saving_ends_has_25_hours_and_the_repeated_hour_is_two_hours()
    {
        var berlin = Zone("Europe/Berlin");

        var day = berlin.DayStarts(new DateOnly(2019, 10, 27), new DateOnly(2019, 10, 27));
        var hours = berlin.HourStarts(day[0], day[1]);

        day.ShouldBe([Utc(10, 26, 22), Utc(10, 27, 23)]);
        hours.Length.ShouldBe(25);
        hours[2].ShouldBe(Utc(10, 27, 0), "02:00 summer time");
        hours[3].ShouldBe(Utc(10, 27, 1), "02:00 winter time");
    }

    [Fact]
    public void The_day_daylight_saving_starts_has_23_hours()
    {
        var berlin = Zone("Europe/Berlin");

        var day = berlin.DayStarts(new DateOnly(2019, 3, 31), new DateOnly(2019, 3, 31));

        day.ShouldBe([Utc(3, 30, 23), Utc(3, 31, 22)]);
        berlin.HourStarts(day[0], day[1]).Length.ShouldBe(23);
    }

    [Fact]
    public void Hours_of_a_zone_three_quarters_off_the_hour_start_at_a_quarter_past()
    {
        var kathmandu = Zone("Asia/Kathmandu");

        var day = kathmandu.DayStarts(new DateOnly(2019, 5, 3), new DateOnly(2019, 5, 3));
        var hours = kathmandu.HourStarts(day[0], day[1]);

        day[0].ShouldBe(Utc(5, 2, 18, 15));
        hours.Length.ShouldBe(24);
        hours.ShouldAllBe(hour => hour.Minute == 15);
        kathmandu.ToLocal(Utc(5, 2, 18, 15)).ShouldBe(new DateTimeOffset(2019, 5, 3, 0, 0, 0, new TimeSpan(5, 45, 0)));
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_its_first_local_time()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 2019-09-08.
        var santiago = Zone("America/Santiago");

        santiago.StartOf(new DateOnly(2019, 9, 8)).ShouldBe(Utc(9, 8, 4));
        santiago.ToLocal(Utc(9, 8, 4)).ShouldBe(new DateTimeOffset(2019, 9, 8, 1, 0, 0, TimeSpan.FromHours(-3)));
    }

    [Fact]
    public void An_unknown_zone_is_an_error_and_no_zone_is_UTC()
    {
        var errors = new QueryErrors();

        LocalCalendar.Resolve("Mars/Olympus_Mons", errors).ShouldBeNull();
        LocalCalendar.Resolve(null, errors).ShouldNotBeNull().ZoneId.ShouldBe("UTC");

        errors.ByParameter["tz"].ShouldHaveSingleItem().ShouldContain("Mars/Olympus_Mons");
    }
}
