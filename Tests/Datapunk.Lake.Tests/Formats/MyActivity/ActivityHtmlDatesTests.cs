using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Tests.Formats.MyActivity;

public sealed class ActivityHtmlDatesTests
{
    [Theory]
    [InlineData("Jan 31, 2018, 10:54:50 PM", "2018-01-31T22:54:50Z", null)]
    [InlineData("Feb 29, 2016, 12:00:01 AM", "2016-02-29T00:00:01Z", null)]
    [InlineData("Mar 8, 2018, 5:14:40\u202FPM", "2018-03-08T17:14:40Z", null)]
    [InlineData("29 Nov 2021, 18:06:16 AEDT", "2021-11-29T07:06:16Z", "AEDT")]
    [InlineData("1 Sept 2021, 09:00:00 AEST", "2021-08-31T23:00:00Z", "AEST")]
    [InlineData("Sept 10, 2019, 8:51:45 PM MSK", "2019-09-10T17:51:45Z", "MSK")]
    [InlineData("Apr 20, 2022, 3:35:08 AM EDT", "2022-04-20T07:35:08Z", "EDT")]
    [InlineData("Dec 1, 2021, 12:30:00 AM PST", "2021-12-01T08:30:00Z", "PST")]
    [InlineData("Jan 15, 2021, 5:54:12 PM GMT", "2021-01-15T17:54:12Z", "GMT")]
    [InlineData("15.01.2021, 18:54:12 MEZ", "2021-01-15T17:54:12Z", "MEZ")]
    [InlineData("31 janv. 2018, 22:54:50 UTC+1", "2018-01-31T21:54:50Z", "UTC+1")]
    [InlineData("4 juil. 2019, 08:00:00 CEST", "2019-07-04T06:00:00Z", "CEST")]
    [InlineData("31 de ene. de 2018, 22:54:50 CET", "2018-01-31T21:54:50Z", "CET")]
    [InlineData("Feb 3, 2026, 7:15:00 PM GMT+05:30", "2026-02-03T13:45:00Z", "GMT+05:30")]
    [InlineData("Feb 3, 2026, 7:15:00 PM GMT\u22123", "2026-02-03T22:15:00Z", "GMT-3")]
    [InlineData("3/4/2020, 1:02:03 PM", "2020-03-04T13:02:03Z", null)]
    [InlineData("2020-03-04, 13:02:03", "2020-03-04T13:02:03Z", null)]
    public void Reads_the_localised_date_spellings_of_html_exports(string text, string expectedUtc, string? expectedZone)
    {
        ActivityHtmlDates.TryParse(text, out var time).ShouldBeTrue($"'{text}' should read as a date");

        time.Utc.ShouldBe(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        time.Utc.Kind.ShouldBe(DateTimeKind.Utc);
        time.Zone.ShouldBe(expectedZone);
        time.ZoneKnown.ShouldBe(expectedZone is not null);
    }

    [Fact]
    public void The_offset_of_the_abbreviation_is_used_even_when_it_names_summer_time_in_winter()
    {
        // Google prints every event with the zone in force at export time: a January event of a
        // summer export says BST, and its clock reading is BST's, so both spellings are one instant.
        ActivityHtmlDates.TryParse("Jan 15, 2021, 6:54:12 PM BST", out var summerExport).ShouldBeTrue();
        ActivityHtmlDates.TryParse("Jan 15, 2021, 5:54:12 PM GMT", out var winterExport).ShouldBeTrue();

        summerExport.Utc.ShouldBe(winterExport.Utc);
        summerExport.UtcOffset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void An_unknown_zone_is_read_as_utc_and_said_to_be_unknown()
    {
        ActivityHtmlDates.TryParse("Jan 1, 2020, 1:00:00 PM XYZT", out var time).ShouldBeTrue();

        time.Utc.ShouldBe(FixtureFiles.Utc(2020, 1, 1, 13, 0, 0));
        time.Zone.ShouldBe("XYZT");
        time.ZoneKnown.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Rick Astley")]
    [InlineData("Tagesschau 20:00 Uhr")]
    [InlineData("Watched at 10:30")]
    [InlineData("Feb 30, 2020, 1:00:00 PM")]
    [InlineData("Jan 31, 2018, 13:54:50 PM")]
    [InlineData("13:00")]
    [InlineData("From your home: https://google.com/maps?q=25.800819,-80.186310")]
    public void Refuses_lines_that_are_not_dates(string text) =>
        ActivityHtmlDates.TryParse(text, out _).ShouldBeFalse($"'{text}' is not a date");
}
