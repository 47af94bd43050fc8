using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Formats.Photos;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Identity;

/// <summary>
/// Literal identity vectors for the kinds on scheme 2 (place visits, activity segments, photos,
/// e-mails), each from the real reader on a small inline export, and the cases the scheme exists
/// for: one visit or trip written by every Timeline generation is one record; a duplicate's
/// sidecar and two e-mails that differ only in their body are two. The literals were computed
/// outside .NET from the rule in <see cref="RecordIdentity.FromContentV2"/>.
/// </summary>
public sealed class SchemeTwoIdentityVectorTests
{
    private const string Visit = "h2:21f60c6a3e86588b43b7e60b4e2f54204014aaeb";
    private const string Segment = "h2:27acacf843ff5d6467f5d8b32a7f6f500c83937c";

    // Milliseconds and E7 positions, as semantic history writes them.
    private const string Semantic = """
        {"timelineObjects":[
          {"placeVisit":{"location":{"latitudeE7":500506312,"longitudeE7":143439906,"placeId":"ChIJvectorPlace","name":"Home"},
            "duration":{"startTimestamp":"2024-03-30T07:00:00.123Z","endTimestamp":"2024-03-30T08:30:00.456Z"}}},
          {"activitySegment":{"startLocation":{"latitudeE7":500506312,"longitudeE7":143439906},
            "duration":{"startTimestamp":"2024-03-30T08:30:00.789Z","endTimestamp":"2024-03-30T09:10:00.001Z"},"activityType":"IN_PASSENGER_VEHICLE"}}
        ]}
        """;

    // Whole seconds with an offset and degrees with 7 decimals (Android), 6 decimals in strings (iOS).
    private const string Android = """
        {"semanticSegments":[
          {"startTime":"2024-03-30T08:00:00.000+01:00","endTime":"2024-03-30T09:30:00.000+01:00",
           "visit":{"hierarchyLevel":0,"probability":0.85,"topCandidate":{"placeId":"ChIJvectorPlace","semanticType":"HOME","probability":0.7,"placeLocation":{"latLng":"50.0506312°, 14.3439906°"}}}},
          {"startTime":"2024-03-30T09:30:00.000+01:00","endTime":"2024-03-30T10:10:00.000+01:00",
           "activity":{"start":{"latLng":"50.0506312°, 14.3439906°"},"end":{"latLng":"50.0880000°, 14.4210000°"},"topCandidate":{"type":"IN_PASSENGER_VEHICLE","probability":0.9}}}
        ]}
        """;

    private const string Ios = """
        [{"startTime":"2024-03-30T08:00:00.000+01:00","endTime":"2024-03-30T09:30:00.000+01:00",
          "visit":{"hierarchyLevel":"0","topCandidate":{"probability":"0.850000","semanticType":"Home","placeID":"ChIJvectorPlace","placeLocation":"geo:50.050631,14.343991"},"probability":"0.910000"}},
         {"startTime":"2024-03-30T09:30:00.000+01:00","endTime":"2024-03-30T10:10:00.000+01:00",
          "activity":{"probability":"0.990000","start":"geo:50.050631,14.343991","end":"geo:50.088000,14.421000","topCandidate":{"type":"in passenger vehicle","probability":"0.870000"}}}]
        """;

    [Fact]
    public void The_hash_of_scheme_2_is_pinned()
    {
        var identity = RecordIdentity.FromContentV2("a", null, 1L, new DateTime(2024, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc));

        identity.ShouldBe("h2:3c487d49bc67eadf1785ba3b0f7e804f02cd026e", "parts a, null, 1 and 1704067200 (the time in whole seconds)");
    }

    [Fact]
    public async Task A_visit_and_a_trip_have_one_identity_in_every_Timeline_generation()
    {
        var semantic = await FormatHarness.ReadAsync(new SemanticLocationHistoryReader(), Semantic, "Takeout/Location History/Semantic Location History/2024/2024_MARCH.json");
        var android = await FormatHarness.ReadAsync(new TimelineAndroidReader(), Android, "Timeline.json");
        var ios = await FormatHarness.ReadAsync(new TimelineIosReader(), Ios, "location-history.json");

        foreach (var (generation, sink) in new[] { ("semantic", semantic), ("android", android), ("ios", ios) })
        {
            sink.Records.Select(r => (r.Kind, r.Identity)).ShouldBe(
                [(RecordKind.PlaceVisit, Visit), (RecordKind.ActivitySegment, Segment)],
                $"{generation}: ChIJvectorPlace at 2024-03-30T07:00:00Z; the trip 08:30:00Z-09:10:00Z");
        }
    }

    [Fact]
    public async Task A_visit_without_a_place_id_is_its_time_span()
    {
        const string json = """
            {"semanticSegments":[{"startTime":"2024-03-31T09:00:00.000+02:00","endTime":"2024-03-31T18:00:00.000+02:00",
              "visit":{"topCandidate":{"semanticType":"UNKNOWN","placeLocation":{"latLng":"50.1°, 14.5°"}}}}]}
            """;

        var sink = await FormatHarness.ReadAsync(new TimelineAndroidReader(), json, "Timeline.json");

        sink.Records.ShouldHaveSingleItem().Identity.ShouldBe("h2:a060ac9d486b156b4619f5da930cf530fbbede56", "2024-03-31T07:00:00Z to 16:00:00Z");
    }

    [Fact]
    public void Different_places_or_different_ends_stay_apart()
    {
        var start = new DateTime(2024, 3, 30, 7, 0, 0, DateTimeKind.Utc);
        var source = new System.Text.Json.Nodes.JsonObject();

        var home = TimelineRecords.PlaceVisit(start, start.AddHours(1), "ChIJhome", null, null, null, source);
        var work = TimelineRecords.PlaceVisit(start, start.AddHours(1), "ChIJwork", null, null, null, source);
        var shortTrip = TimelineRecords.ActivitySegment(start, start.AddMinutes(10), null, null, source);
        var longTrip = TimelineRecords.ActivitySegment(start, start.AddMinutes(40), null, null, source);

        work.Identity.ShouldNotBe(home.Identity, "visits at two places");
        longTrip.Identity.ShouldNotBe(shortTrip.Identity, "segments that start together and end apart");
    }

    [Fact]
    public async Task A_photo_is_its_media_file_name_and_taken_time()
    {
        const string json = """{"title":"DSC_0238.JPG","photoTakenTime":{"timestamp":"1577836800","formatted":"Jan 1, 2020"}}""";

        var album = await FormatHarness.ReadAsync(new PhotoSidecarReader(), json, "Takeout/Google Photos/Paris 2020/DSC_0238.JPG(1).json");
        var year = await FormatHarness.ReadAsync(new PhotoSidecarReader(), json, "Takeout/Google Photos/Photos from 2020/DSC_0238.JPG.supplemental-metadata(1).json");

        album.Records.ShouldHaveSingleItem().Identity.ShouldBe("h2:48a9721e72abefdecf6ff9c988184f7e28c5dc5f", "DSC_0238(1).JPG taken at 1577836800");
        year.Records.ShouldHaveSingleItem().Identity.ShouldBe(album.Records[0].Identity, "the same media file in another folder and sidecar naming");
    }

    [Fact]
    public async Task An_email_is_its_Message_ID_and_normalised_text()
    {
        var sink = await FormatHarness.ReadAsync(new GmailMboxReader(), Mbox("\r\n", "Line one  ", "Line two\t", "", ""), "Takeout/Mail/All mail.mbox");
        var lf = await FormatHarness.ReadAsync(new GmailMboxReader(), Mbox("\n", "Line one", "Line two"), "Takeout/Mail/All mail.mbox");
        var other = await FormatHarness.ReadAsync(new GmailMboxReader(), Mbox("\n", "Line one", "Another line"), "Takeout/Mail/All mail.mbox");

        sink.Records.ShouldHaveSingleItem().Identity.ShouldBe("h2:bbde206fbdfc56bd18b13a1ffdee5764a898608c", "vector@example.com with \"Line one\\nLine two\"");
        lf.Records.ShouldHaveSingleItem().Identity.ShouldBe(sink.Records[0].Identity, "line endings and trailing blanks do not count");
        other.Records.ShouldHaveSingleItem().Identity.ShouldNotBe(sink.Records[0].Identity, "equal headers, different bodies");
    }

    [Fact]
    public async Task An_email_without_a_Message_ID_is_its_date_sender_subject_and_text()
    {
        const string mbox = "From 2@xxx Mon Jan 01 09:00:00 +0000 2024\nFrom: b@example.com\nSubject: No id\nDate: Mon, 1 Jan 2024 09:00:00 +0000\n\nBody \t \nwithout an id\n";

        var sink = await FormatHarness.ReadAsync(new GmailMboxReader(), mbox, "Takeout/Mail/All mail.mbox");

        sink.Records.ShouldHaveSingleItem().Identity.ShouldBe("h2:1f856ce98b4b003ea5a82ef109fb04e5d501ba27");
    }

    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a \t \r\r\nb \n \n", "a\n\nb")]
    [InlineData("a\u00A0\nb", "a\u00A0\nb")]
    public void Mail_text_is_normalised_as_migration_0007_does(string text, string normalised) =>
        MailBodyText.Normalise(text).ShouldBe(normalised);

    private static string Mbox(string newline, params string[] body) => string.Join(newline, [
        "From 1@xxx Mon Jan 01 08:00:00 +0000 2024", "From: a@example.com", "Subject: Vector", "Message-ID: <vector@example.com>",
        "Date: Mon, 1 Jan 2024 08:00:00 +0000", "", .. body, ""]);
}
