using Datapunk.Lake.Formats.OwnTracks;
using Datapunk.Lake.Live;
using static Datapunk.Lake.Tests.Formats.Location.LocationFixtures;

namespace Datapunk.Lake.Tests.Live;

/// <summary>The live protocols' bodies read without a silo: the same fixes as the recorder files, Overland's time spellings, refusals.</summary>
public sealed class LiveBodiesTests
{
    private static readonly DateTime Now = Utc(2026, 12, 6, 12, 0);

    private static readonly LiveLimits Limits = new();

    private static readonly string[] Messages =
    [
        """{"_type":"location","lat":50.0506312,"lon":14.3439906,"tst":1561975965,"acc":12,"alt":251,"vel":0,"tid":"ph"}""",
        """{"_type":"location","lat":50.07,"lon":14.39,"tst":1561976400,"acc":5,"alt":260,"vel":54,"cog":87,"batt":80,"topic":"owntracks/me/pixel"}""",
        """{"_type":"location","lat":"50.089","lon":14.422,"tst":1561977600,"acc":6.4,"vel":"18","cog":270}""",
    ];

    [Fact]
    public async Task A_message_posted_live_is_the_fix_its_recorder_line_is()
    {
        var recorder = string.Join("\n", Messages.Select(message => $"2019-07-01T10:00:00Z\t*                 \t{message}"));
        var fromFile = (await ReadAsync(new OwnTracksRecorderReader(), recorder)).Locations;

        var live = OwnTracksHttpBody.Parse(Encoding.UTF8.GetBytes("[" + string.Join(",", Messages) + "]"), deviceHeader: null, Limits, Now);

        live.Fixes.Select(fix => fix with { Device = null }).ShouldBe(fromFile, "the live fixes without their device are the recorder's");
        live.Fixes.Select(fix => fix.Device).ShouldBe([LiveDevices.IdOf("ph"), LiveDevices.IdOf("pixel"), null]);
        live.Device.ShouldBe("ph");
    }

    [Fact]
    public void The_device_header_names_every_message_and_other_types_are_counted_not_stored()
    {
        var body = $$"""[{{Messages[0]}},{"_type":"transition","event":"leave"},{"_type":"waypoint","desc":"Home"}]""";

        var batch = OwnTracksHttpBody.Parse(Encoding.UTF8.GetBytes(body), "tablet", Limits, Now);

        batch.Fixes.ShouldHaveSingleItem().Device.ShouldBe(LiveDevices.IdOf("tablet"));
        batch.Ignored.ShouldBe(2);
        batch.Source.ShouldBe(LiveSource.OwnTracks);
    }

    [Theory]
    [InlineData("2015-10-01T08:00:00-0700", "2015-10-01T15:00:00Z")]
    [InlineData("2015-10-01T08:00:00+01:00", "2015-10-01T07:00:00Z")]
    [InlineData("2015-10-01T08:00:00Z", "2015-10-01T08:00:00Z")]
    [InlineData("2015-10-01T08:00:00.250Z", "2015-10-01T08:00:00.250Z")]
    public void Overland_times_are_read_in_every_spelling_with_a_zone(string text, string utc)
    {
        OverlandBody.TryParseTime(text, out var time).ShouldBeTrue(text);
        time.ShouldBe(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        time.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2015-10-01T08:00:00")]
    [InlineData("2015-10-01")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("soon")]
    public void Overland_times_without_a_zone_or_out_of_range_are_not_read(string text) =>
        OverlandBody.TryParseTime(text, out _).ShouldBeFalse(text);

    [Fact]
    public void An_Overland_feature_becomes_a_fix_with_its_precision_and_unknown_values_left_out()
    {
        var body = """
            {"locations":[
              {"type":"Feature","geometry":{"type":"Point","coordinates":[-122.030581,37.3318]},
               "properties":{"timestamp":"2015-10-01T08:00:00.500-0700","altitude":12.6,"vertical_accuracy":-1,"speed":-1,"course":181.4,
                             "horizontal_accuracy":30,"motion":["driving"],"device_id":""}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[-122.03,37.33]},
               "properties":{"timestamp":"2015-10-01T08:01:00-0700","action":"paused_location_updates"}}],
             "current":{"type":"Feature"}}
            """;

        var batch = OverlandBody.Parse(Encoding.UTF8.GetBytes(body), Limits, Now);

        batch.Fixes.ShouldBe([
            new LocationFix(Utc(2015, 10, 1, 15, 0, 0, 500), 373318000, -1220305810, AccuracyMeters: 30, Heading: 181, Source: "overland")
            {
                CoordinateDigits = 6,
                TimeDigits = 3,
            },
        ]);
        batch.Ignored.ShouldBe(1);
        batch.Device.ShouldBeNull();
    }

    [Fact]
    public void An_encrypted_message_is_refused_rather_than_acknowledged_unread()
    {
        var body = "[" + Messages[0] + """,{"_type":"encrypted","data":"c2VjcmV0"}]""";

        Should.Throw<LiveBodyException>(() => OwnTracksHttpBody.Parse(Encoding.UTF8.GetBytes(body), null, Limits, Now))
            .Message.ShouldStartWith("$[1]: an encrypted OwnTracks message");
    }

    [Fact]
    public void A_body_with_one_bad_location_is_refused_whole_naming_it()
    {
        var body = "[" + Messages[0] + """,{"_type":"location","lat":52.5,"lon":-181,"tst":1561975965}]""";

        Should.Throw<LiveBodyException>(() => OwnTracksHttpBody.Parse(Encoding.UTF8.GetBytes(body), null, Limits, Now))
            .Message.ShouldBe("$[1]: longitude -181 is not between -180 and 180.");
    }
}
