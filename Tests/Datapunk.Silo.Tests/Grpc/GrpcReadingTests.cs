using System.Net.Http.Headers;
using System.Text.Json;
using Datapunk.Silo.Grpc.V1;
using Datapunk.Silo.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// Records, Timeline, Map and Stats over gRPC against the real silo: the caller's own data only, the
/// same answers as the REST routes give for the same question, field errors named by proto field,
/// and a stream that stops at its deadline.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcReadingTests(SiloProcessFixture silo)
{
    private const int Plays = 60;

    private static readonly BoundingBox Berlin = new() { MinLng = 13, MinLat = 52, MaxLng = 14, MaxLat = 53 };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task RecordsComeAPageAtATimeOrAsAStreamOfPagesAsOverRestAndOnlyTheCallers()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var importId = await scenario.ImportMemberRecordsAsync(Plays, Cancellation);
        var records = new Records.RecordsClient(scenario.Channel);
        var plays = new ListRecordsRequest { Kinds = { "spotify_plays" }, PageSize = 7 };

        var paged = new List<RecordsPage>();
        do
        {
            paged.Add(await records.ListAsync(new ListRecordsRequest(plays) { PageToken = paged.LastOrDefault()?.NextPageToken ?? "" }, GrpcScenario.As(scenario.Member.Token)));
        }
        while (paged[^1].NextPageToken != "" && paged.Count < 50);
        var streamed = await GrpcStreams.ReadAllAsync(records.StreamPages(plays, GrpcScenario.As(scenario.Member.Token)));
        var everything = await GrpcStreams.ReadAllAsync(records.StreamPages(new ListRecordsRequest(), GrpcScenario.As(scenario.Member.Token)));
        var museum = await records.ListAsync(new ListRecordsRequest { Text = "Museum Beta" }, GrpcScenario.As(scenario.Member.Token));
        using var rest = await RestAsync(scenario.Member, "api/v1/records?kind=spotify_plays&limit=7");
        var others = await GrpcStreams.ReadAllAsync(records.StreamPages(new ListRecordsRequest(), GrpcScenario.As(scenario.Other.Token)));
        var othersWithMembersToken = await records.ListAsync(new ListRecordsRequest(plays) { PageToken = paged[0].NextPageToken }, GrpcScenario.As(scenario.Other.Token));

        var ids = paged.SelectMany(page => page.Records).Select(record => record.Id).ToList();
        ids.Count.ShouldBe(Plays);
        ids.Distinct().Count().ShouldBe(Plays, "no record twice across pages");
        paged.SelectMany(page => page.Records).Select(record => record.OccurredAt.ToDateTime()).ShouldBeInOrder(SortDirection.Descending);
        paged.SelectMany(page => page.Records).ShouldAllBe(record => record.Kind == "spotify_plays" && record.Title.EndsWith(scenario.Member.Name));
        streamed.Select(page => page.Records.Count).ShouldBe([7, 7, 7, 7, 7, 7, 7, 7, 4]);
        streamed.SelectMany(page => page.Records).Select(record => record.Id).ShouldBe(ids, "the stream's pages are the listing's pages");
        streamed.Select(page => page.NextPageToken).ShouldBe(paged.Select(page => page.NextPageToken));
        everything.SelectMany(page => page.Records).Count().ShouldBe(Plays + RecordsExport.Visits, "every kind but fixes");
        var visit = museum.Records.ShouldHaveSingleItem(museum.ToString());
        visit.Kind.ShouldBe("place_visits");
        visit.Position.Lat.ShouldBe(52.5163);
        visit.Provenance.ImportId.ShouldBe(importId.ToString());
        visit.Provenance.Format.ShouldBe("google.location.semantic");
        JsonDocument.Parse(visit.SourceJson).RootElement.GetProperty("placeVisit").GetProperty("location").GetProperty("placeId").GetString()
            .ShouldBe("P2-" + scenario.Member.Name);
        var restPage = rest.RootElement;
        restPage.GetProperty("records").EnumerateArray().Select(record => record.GetProperty("id").GetString()).ShouldBe(ids.Take(7));
        restPage.GetProperty("next").GetString().ShouldEndWith("&after=" + paged[0].NextPageToken, customMessage: "the same cursor as REST's");
        others.ShouldHaveSingleItem().Records.ShouldBeEmpty("the other member has no records");
        othersWithMembersToken.Records.ShouldBeEmpty("a page token positions a read; whose rows is the credential's");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task TimelineMapAndStatsAnswerTheCallersOwnDaysAsRestDoes()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        await scenario.ImportMemberRecordsAsync(Plays, Cancellation);
        var timeline = new Timeline.TimelineClient(scenario.Channel);
        var map = new Map.MapClient(scenario.Channel);
        var stats = new Stats.StatsClient(scenario.Channel);
        var member = GrpcScenario.As(scenario.Member.Token);
        var day = new GetTimelineRequest { Date = "2019-05-03", TimeZone = "Europe/Berlin" };
        var playsByDay = new GetDailyStatsRequest { Metric = "records", Kind = "spotify_plays", From = "2019-05-02", To = "2019-05-04" };

        var page = await timeline.GetAsync(day, member);
        var located = await timeline.GetAsync(new GetTimelineRequest(day) { Sources = { "google.location" } }, member);
        using var restPage = await RestAsync(scenario.Member, "api/v1/timeline?date=2019-05-03&tz=Europe/Berlin");
        using var restLocated = await RestAsync(scenario.Member, "api/v1/timeline?date=2019-05-03&tz=Europe/Berlin&source=google.location");
        var simplified = await map.GetPointsAsync(new MapRequest { Box = Berlin, Limit = 2 }, member);
        var points = await map.GetPointsAsync(new MapRequest { Box = Berlin }, member);
        using var restPoints = await RestAsync(scenario.Member, "api/v1/map/points?bbox=13,52,14,53&limit=2");
        var places = await map.GetPlacesAsync(new MapRequest { Box = Berlin, From = Timestamp.FromDateTime(new DateTime(2019, 5, 3, 0, 0, 0, DateTimeKind.Utc)) }, member);
        var daily = await stats.GetDailyAsync(playsByDay, member);
        var distance = await stats.GetDailyAsync(new GetDailyStatsRequest { Metric = "distance_km", From = "2019-05-02", To = "2019-05-03" }, member);
        var metrics = await stats.ListMetricsAsync(new ListMetricsRequest(), member);
        var othersPage = await timeline.GetAsync(day, GrpcScenario.As(scenario.Other.Token));
        var othersPoints = await map.GetPointsAsync(new MapRequest { Box = Berlin }, GrpcScenario.As(scenario.Other.Token));
        var othersPlaces = await map.GetPlacesAsync(new MapRequest { Box = Berlin }, GrpcScenario.As(scenario.Other.Token));
        var othersDaily = await stats.GetDailyAsync(playsByDay, GrpcScenario.As(scenario.Other.Token));

        page.TimeZone.ShouldBe("Europe/Berlin");
        page.Entries.Count.ShouldBe(Plays + RecordsExport.Visits + 1, "the plays, the visits and one hour of fixes");
        var restEntries = restPage.RootElement.GetProperty("entries").EnumerateArray().ToList();
        page.Entries.Select(entry => (entry.Kind, entry.Id, entry.LocalAt))
            .ShouldBe(restEntries.Select(entry => (entry.GetProperty("kind").GetString()!, entry.GetProperty("id").GetString()!, entry.GetProperty("localAt").GetString()!)));
        located.Entries.Count.ShouldBe(RecordsExport.Visits + 1, "the visits and the hour of fixes came from Location History; the plays did not");
        located.Entries.Select(entry => entry.Source).Distinct().ShouldBe(["google.location.semantic", "google.location.records"], ignoreOrder: true);
        restLocated.RootElement.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("source").GetString())
            .ShouldBe(located.Entries.Select(entry => entry.Source));
        var hour = page.Entries.Single(entry => entry.Kind == "location_points");
        hour.Fixes.Count.ShouldBe(RecordsExport.Fixes);
        hour.LocalAt.ShouldBe("2019-05-03T12:00:00+02:00");
        simplified.Fixes.ShouldBe(RecordsExport.Fixes);
        simplified.Points.Count.ShouldBeLessThanOrEqualTo(2);
        simplified.Points.Sum(point => point.Fixes).ShouldBe(RecordsExport.Fixes, "every fix counted in one point");
        simplified.Simplification.Method.ShouldBe("grid");
        simplified.Simplification.Columns.ShouldBe(restPoints.RootElement.GetProperty("simplification").GetProperty("columns").GetInt32());
        points.Points.Count.ShouldBe(RecordsExport.Fixes);
        points.Simplification.ShouldBeNull();
        places.Places.Select(place => (place.Name, place.Visits)).ShouldBe([($"Café Alpha {scenario.Member.Name}", 2L), ($"Museum Beta {scenario.Member.Name}", 1L)]);
        places.Places[0].TotalSeconds.ShouldBe(7_200);
        daily.Days.Select(value => (value.Date, value.Value)).ShouldBe([("2019-05-02", 0d), ("2019-05-03", (double)Plays), ("2019-05-04", 0d)]);
        distance.Days[0].HasValue.ShouldBeFalse("no pair of fixes ends on 2019-05-02: no value, not 0");
        distance.Days[1].Value.ShouldBeGreaterThan(0);
        metrics.Metrics.ShouldContain(metric => metric.Name == "distance_km" && metric.Unit == "km");
        metrics.Metrics.ShouldContain(metric => metric.Name == "records" && metric.NeedsKind);
        othersPage.Entries.ShouldBeEmpty();
        othersPoints.Fixes.ShouldBe(0);
        othersPlaces.Places.ShouldBeEmpty();
        othersDaily.Days.ShouldAllBe(value => value.Value == 0);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task BadInputIsInvalidArgumentNamingTheProtoField()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var records = new Records.RecordsClient(scenario.Channel);
        var timeline = new Timeline.TimelineClient(scenario.Channel);
        var map = new Map.MapClient(scenario.Channel);
        var stats = new Stats.StatsClient(scenario.Channel);
        var member = GrpcScenario.As(scenario.Member.Token);
        var cases = new (string Field, Func<Task> Call)[]
        {
            ("kinds", () => records.ListAsync(new ListRecordsRequest { Kinds = { "visits" } }, member).ResponseAsync),
            ("page_size", () => records.ListAsync(new ListRecordsRequest { PageSize = 501 }, member).ResponseAsync),
            ("page_token", () => GrpcStreams.ReadAllAsync(records.StreamPages(new ListRecordsRequest { PageToken = "forged" }, member))),
            ("text", () => records.ListAsync(new ListRecordsRequest { Text = new string('x', 201) }, member).ResponseAsync),
            ("to", () => records.ListAsync(new ListRecordsRequest { From = Timestamp.FromDateTime(DateTime.UnixEpoch.AddDays(1)), To = Timestamp.FromDateTime(DateTime.UnixEpoch) }, member).ResponseAsync),
            ("date", () => timeline.GetAsync(new GetTimelineRequest(), member).ResponseAsync),
            ("date", () => timeline.GetAsync(new GetTimelineRequest { Date = "3 May 2019" }, member).ResponseAsync),
            ("time_zone", () => timeline.GetAsync(new GetTimelineRequest { Date = "2019-05-03", TimeZone = "Mars/Olympus_Mons" }, member).ResponseAsync),
            ("to", () => timeline.GetAsync(new GetTimelineRequest { From = "2019-05-01", To = "2019-07-01" }, member).ResponseAsync),
            ("sources", () => timeline.GetAsync(new GetTimelineRequest { Date = "2019-05-03", Sources = { "Google Location" } }, member).ResponseAsync),
            ("box", () => map.GetPointsAsync(new MapRequest(), member).ResponseAsync),
            ("box", () => map.GetPointsAsync(new MapRequest { Box = new BoundingBox { MinLng = 170, MinLat = -10, MaxLng = -170, MaxLat = 10 } }, member).ResponseAsync),
            ("limit", () => map.GetPlacesAsync(new MapRequest { Box = Berlin, Limit = 5001 }, member).ResponseAsync),
            ("metric", () => stats.GetDailyAsync(new GetDailyStatsRequest { Metric = "heart_rate", From = "2019-05-01", To = "2019-05-02" }, member).ResponseAsync),
            ("kind", () => stats.GetDailyAsync(new GetDailyStatsRequest { Metric = "records", From = "2019-05-01", To = "2019-05-02" }, member).ResponseAsync),
            ("time_zone", () => stats.GetDailyAsync(new GetDailyStatsRequest { Metric = "steps", From = "2019-05-01", To = "2019-05-02", TimeZone = "Berlin" }, member).ResponseAsync),
        };

        var failures = new List<string>();
        foreach (var (field, call) in cases)
        {
            var refused = await Should.ThrowAsync<RpcException>(call);
            if (refused.StatusCode != StatusCode.InvalidArgument || !refused.Status.Detail.StartsWith(field + ": ", StringComparison.Ordinal))
            {
                failures.Add($"expected InvalidArgument naming '{field}', got {refused.StatusCode}: {refused.Status.Detail}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AStreamOfPagesStopsAtItsDeadlineAndItsAuditEntrySaysSo()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        await scenario.ImportMemberRecordsAsync(LongListing, Cancellation);
        var records = new Records.RecordsClient(scenario.Channel);
        var received = new List<RecordsPage>();
        var started = DateTime.UtcNow;
        var deadline = started.AddSeconds(1);

        var expired = await Should.ThrowAsync<RpcException>(async () =>
        {
            // One record a page: each page is a grain call and a database read, far more than the deadline allows.
            using var call = records.StreamPages(new ListRecordsRequest { PageSize = 1 }, GrpcScenario.As(scenario.Member.Token, deadline));
            await foreach (var page in call.ResponseStream.ReadAllAsync(Cancellation))
            {
                received.Add(page);
            }
        });
        var ended = DateTime.UtcNow;
        var entry = await scenario.AuditEntryAsync(scenario.Member, "records.read", "/datapunk.v1.Records/StreamPages", Cancellation);

        // The client's status is best effort (grpc/grpc#2685): the server resets the stream at the deadline
        // too, and when its reset arrives before the client's own timer fires the client reports the reset.
        expired.StatusCode.ShouldBeOneOf([StatusCode.DeadlineExceeded, StatusCode.Cancelled, StatusCode.Unavailable], expired.ToString());
        ended.ShouldBeGreaterThanOrEqualTo(deadline.AddMilliseconds(-50), "the stream ended at its deadline, not before");
        received.ShouldNotBeEmpty("pages sent before the deadline");
        received.Count.ShouldBeLessThan(LongListing, "the stream stopped at its deadline");
        (ended - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        entry.ShouldNotBeNull().Details["status"].ShouldBe("DeadlineExceeded");
        entry.RecordCount.ShouldBeGreaterThanOrEqualTo(received.Count, "the entry counts every record the silo sent");
    }

    /// <summary>Plays enough that a stream of one-record pages runs for seconds.</summary>
    private const int LongListing = 1_500;

    private async Task<JsonDocument> RestAsync(GrpcUser user, string path)
    {
        using var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return JsonDocument.Parse(await http.GetStringAsync(path, Cancellation));
    }
}
