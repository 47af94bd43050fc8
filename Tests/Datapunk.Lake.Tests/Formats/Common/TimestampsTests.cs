using System.Globalization;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Tests.Formats.Common;

/// <summary>Every timestamp spelling seen in exports comes back as the same UTC instant, whichever parser took it.</summary>
public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2019-03-04T12:34:56Z", "2019-03-04T12:34:56.0000000Z")]
    [InlineData("2019-03-04T12:34:56.789Z", "2019-03-04T12:34:56.7890000Z")]
    [InlineData("2019-03-04T12:34:56.1234567Z", "2019-03-04T12:34:56.1234567Z")]
    [InlineData("2019-03-04T12:34:56.123456789Z", "2019-03-04T12:34:56.1234567Z")]
    [InlineData("  2019-03-04T12:34:56.5Z ", "2019-03-04T12:34:56.5000000Z")]
    [InlineData("2019-03-04T13:34:56.789+01:00", "2019-03-04T12:34:56.7890000Z")]
    [InlineData("2019-03-04T07:34:56-05:00", "2019-03-04T12:34:56.0000000Z")]
    [InlineData("2025-03-24 20:07:24 +0100", "2025-03-24T19:07:24.0000000Z")]
    [InlineData("1551702896789", "2019-03-04T12:34:56.7890000Z")]
    public void Parses_each_spelling_to_the_same_utc_instant(string text, string expected)
    {
        Timestamps.TryParse(text, out var utc).ShouldBeTrue(text);
        utc.Kind.ShouldBe(DateTimeKind.Utc);
        utc.ToString("O", CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2019-13-04T12:34:56Z")]
    [InlineData("2019-02-30T12:34:56Z")]
    [InlineData("2019-03-04T25:34:56Z")]
    [InlineData("not a timeZ at all, but long enough")]
    [InlineData("")]
    public void Refuses_what_is_not_a_time(string text) => Timestamps.TryParse(text, out _).ShouldBeFalse(text);
}
