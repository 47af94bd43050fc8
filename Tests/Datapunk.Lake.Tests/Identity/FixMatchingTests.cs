namespace Datapunk.Lake.Tests.Identity;

/// <summary>
/// Literal vectors for the location fix identity rule (<see cref="FixMatching"/>, version 2): a
/// change to the rule fails here before it changes which fixes people's re-imports merge.
/// </summary>
public sealed class FixMatchingTests
{
    private static readonly DateTime Moment = new(2024, 3, 3, 10, 5, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void The_rule_is_version_2() => FixMatching.Version.ShouldBe(2);

    [Theory]
    // The Takeout copy (E7, milliseconds) and a phone's (6 decimals rounded, whole seconds).
    [InlineData(473698003, 85391007, 7, 3, null, 473698000, 85391010, 6, 0, null, 0, true)]
    // Half a unit of the 6th decimal either way is still the same fix; more is not.
    [InlineData(473698005, 85391005, 7, 3, null, 473698000, 85391000, 6, 0, null, 0, true)]
    [InlineData(473698006, 85391000, 7, 3, null, 473698000, 85391000, 6, 0, null, 0, false)]
    // Two E7 copies must be equal, to the unit.
    [InlineData(473698003, 85391007, 7, 3, null, 473698004, 85391007, 7, 3, null, 0, false)]
    // Two millisecond copies must be at the same millisecond; a seconds copy matches any millisecond of its second.
    [InlineData(473698003, 85391007, 7, 3, null, 473698003, 85391007, 7, 3, null, 1, false)]
    [InlineData(473698003, 85391007, 7, 3, null, 473698003, 85391007, 7, 0, null, -123, true)]
    [InlineData(473698003, 85391007, 7, 3, null, 473698003, 85391007, 7, 0, null, 1_000, false)]
    // Devices: two named devices differ; an unnamed one matches either.
    [InlineData(473698003, 85391007, 7, 3, 11, 473698003, 85391007, 7, 3, 22, 0, false)]
    [InlineData(473698003, 85391007, 7, 3, 11, 473698003, 85391007, 7, 3, null, 0, true)]
    public void Two_fixes_are_one_fix_to_the_coarser_precision_of_the_two(
        int latitudeA, int longitudeA, byte digitsA, byte timeDigitsA, int? deviceA,
        int latitudeB, int longitudeB, byte digitsB, byte timeDigitsB, int? deviceB, int millisecondsLater, bool same)
    {
        var a = new LocationFix(Moment, latitudeA, longitudeA) { CoordinateDigits = digitsA, TimeDigits = timeDigitsA, Device = deviceA };
        var b = new LocationFix(Moment.AddMilliseconds(millisecondsLater), latitudeB, longitudeB)
        {
            CoordinateDigits = digitsB, TimeDigits = timeDigitsB, Device = deviceB,
        };

        FixMatching.AreSameFix(a, b).ShouldBe(same);
        FixMatching.AreSameFix(b, a).ShouldBe(same, "the rule is symmetric");
    }

    [Fact]
    public void The_richer_copy_is_the_finer_then_the_better_known_then_the_smaller()
    {
        var phone = new LocationFix(Moment.AddMilliseconds(-123), 473698000, 85391010, AccuracyMeters: 3) { CoordinateDigits = 6, TimeDigits = 0 };
        var records = new LocationFix(Moment, 473698003, 85391007, AccuracyMeters: 10, Source: "GPS") { Device = 11 };
        var legacy = new LocationFix(Moment, 473698003, 85391007, AccuracyMeters: 12);
        var sharper = legacy with { AccuracyMeters = 8 };

        FixMatching.CompareRichness(records, phone).ShouldBePositive("7 decimals beat 6, whatever the accuracy");
        FixMatching.CompareRichness(records, legacy).ShouldBePositive("source and device known");
        FixMatching.CompareRichness(sharper, legacy).ShouldBePositive("the smaller accuracy radius");
        FixMatching.CompareRichness(legacy, sharper).ShouldBeNegative();
        FixMatching.CompareRichness(legacy, legacy).ShouldBe(0);
    }
}
