using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Tests.Formats.Location;

public sealed class LatLngTextTests
{
    [Theory]
    [InlineData("50.0506312°, 14.3439906°", 500506312, 143439906)]
    [InlineData("48.8566, 2.3522", 488566000, 23522000)]
    [InlineData("48.1°,11.5°", 481000000, 115000000)]
    [InlineData("geo:47.36,8.53", 473600000, 85300000)]
    [InlineData("geo:-33.868800,151.209300;u=35", -338688000, 1512093000)]
    [InlineData("  -0.0000001° , -179.9999999°  ", -1, -1799999999)]
    public void Parses_every_spelling_of_the_on_device_exports(string text, int latitudeE7, int longitudeE7)
    {
        LatLngText.TryParse(text, out var latitude, out var longitude).ShouldBeTrue();

        (latitude, longitude).ShouldBe((latitudeE7, longitudeE7));
    }

    [Theory]
    [InlineData("")]
    [InlineData("50.05")]
    [InlineData("91, 10")]
    [InlineData("10, 181")]
    [InlineData("north, east")]
    [InlineData("NaN, 1")]
    public void Refuses_what_is_not_a_coordinate_pair_on_earth(string text) =>
        LatLngText.TryParse(text, out _, out _).ShouldBeFalse();
}
