using Datapunk.Lake.Formats.Calendar;

namespace Datapunk.Lake.Tests.Formats.Calendar;

public sealed class IcsTimeTests
{
    private static readonly TimeZoneResolver Zones = new();

    [Theory]
    [InlineData("20240115T090000Z", null, "2024-01-15T09:00:00")]
    [InlineData("20240115T100000", "Europe/Berlin", "2024-01-15T09:00:00")]
    [InlineData("20240715T100000", "Europe/Berlin", "2024-07-15T08:00:00")]
    [InlineData("20240331T023000", "Europe/Berlin", "2024-03-31T01:30:00")]
    [InlineData("20241027T023000", "Europe/Berlin", "2024-10-27T00:30:00")]
    [InlineData("20240115T100000", "/mozilla.org/20050126_1/America/New_York", "2024-01-15T15:00:00")]
    [InlineData("20240115T1000", "Asia/Kolkata", "2024-01-15T04:30:00")]
    [InlineData("2024-01-15T10:00:00Z", null, "2024-01-15T10:00:00")]
    public void Resolves_date_times_to_utc(string value, string? tzid, string expected)
    {
        IcsTime.TryParse(value, tzid, dateParameter: false, floatingZone: null, Zones, out var time).ShouldBeTrue();

        time.Utc.ShouldBe(DateTime.SpecifyKind(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        time.IsDate.ShouldBeFalse();
    }

    [Fact]
    public void Reads_all_day_dates_as_midnight_utc_and_floating_times_in_the_calendar_zone()
    {
        IcsTime.TryParse("20240310", null, dateParameter: true, null, Zones, out var date).ShouldBeTrue();
        (date.Utc, date.IsDate, date.Key).ShouldBe((new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc), true, "20240310"));

        IcsTime.TryParse("20240704T183000", null, dateParameter: false, Zones.Find("Europe/Berlin"), Zones, out var floating).ShouldBeTrue();
        floating.Key.ShouldBe("20240704T163000Z");

        IcsTime.TryParse("2024031", null, dateParameter: true, null, Zones, out _).ShouldBeFalse();
        IcsTime.TryParse("tomorrow", null, dateParameter: false, null, Zones, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("PT1H30M", 90)]
    [InlineData("P1D", 1440)]
    [InlineData("P1W", 10080)]
    [InlineData("-PT15M", -15)]
    [InlineData("P1DT2H", 1560)]
    public void Reads_durations(string text, int minutes)
    {
        IcsDuration.TryParse(text, out var duration).ShouldBeTrue();
        duration.ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData("P")]
    [InlineData("1H")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_duration(string? text)
    {
        IcsDuration.TryParse(text, out _).ShouldBeFalse();
    }
}
