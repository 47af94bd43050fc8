using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class LatLngTextTests
{
    [Theory]
    [InlineData("50.0506312°, 14.3439906°", 500506312, 143439906, 7)]
    [InlineData("48.8566, 2.3522", 488566000, 23522000, 6)]
    [InlineData("48.1°,11.5°", 481000000, 115000000, 6)]
    [InlineData("geo:47.36,8.53", 473600000, 85300000, 6)]
    [InlineData("geo:-33.868800,151.209300;u=35", -338688000, 1512093000, 6)]
    [InlineData("  -0.0000001° , -179.9999999°  ", -1, -1799999999, 7)]
    [InlineData("47.398765, 8.5412345", 473987650, 85412345, 6)]
    [InlineData("47.12345678, 8", 471234568, 80000000, 6)]
    public void Parses_every_spelling_of_the_on_device_exports_with_the_precision_it_was_written_with(
        string text, int latitudeE7, int longitudeE7, int digits)
    {
        LatLngText.TryParse(text, out var latitude, out var longitude, out var written).ShouldBeTrue();

        (latitude, longitude, (int)written).ShouldBe((latitudeE7, longitudeE7, digits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("50.05")]
    [InlineData("91, 10")]
    [InlineData("10, 181")]
    [InlineData("north, east")]
    [InlineData("NaN, 1")]
    public void Refuses_what_is_not_a_coordinate_pair_on_earth(string text) =>
        LatLngText.TryParse(text, out _, out _, out _).ShouldBeFalse();
}
