using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using StackExchange.Redis;

namespace Datapunk.Silo.Tests.Ingest;

/// <summary>
/// OwnTracks' HTTP mode and Overland posting to the real silo over HTTP, stored in the real PostgreSQL
/// through the import's de-duplicating merge, and announced on the real Redis.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class LiveLocationStorageTests(SiloProcessFixture silo) : IAsyncDisposable
{
    // 2026-11-20T08:00:00Z: before the machine's clock, after everything else the tests store.
    private const long Tst = 1_795_161_600;

    private readonly TestDatabase _database = new("live-location-tests", maxPoolSize: 2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task OwnTracks_locations_are_stored_as_the_recorder_reader_maps_them_and_other_messages_are_acknowledged()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var body = $$"""
            [{"_type":"location","lat":52.5200066,"lon":13.404954,"tst":{{Tst}},"acc":5,"alt":40,"vel":18,"cog":90,"batt":80,"tid":"ph","topic":"owntracks/{{phone.UserName}}/pixel"},
             {"_type":"transition","event":"enter","desc":"Home","tst":{{Tst}},"lat":52.5,"lon":13.4,"acc":10}]
            """;
        using var response = await phone.PostOwnTracksAsync(body, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldBe("[]", "OwnTracks expects a JSON array back");

        var fix = (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).ShouldHaveSingleItem("the location is stored, the transition is not");
        fix.ShouldBe(new StoredFix(
            DateTime.UnixEpoch.AddSeconds(Tst), 525_200_066, 134_049_540, 5, 40, 5, 90, "owntracks", Lake.Live.LiveDevices.IdOf("pixel"), "owntracks.http", "owntracks-http"));

        // The same user's phone may say its name in X-Limit-D and send a bearer token instead.
        using var bearer = await phone.SendAsync(HttpMethod.Post, "ingest/owntracks", phone.Token, Cancellation,
            $$"""{"_type":"location","lat":52.52,"lon":13.41,"tst":{{Tst + 60}}}""");
        bearer.StatusCode.ShouldBe(HttpStatusCode.OK, await bearer.Content.ReadAsStringAsync(Cancellation));
        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).Count.ShouldBe(2);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Overland_batches_are_stored_answered_ok_and_a_resent_batch_stores_nothing_new()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var batch = OverlandBatch(
            Feature(13.404954, 52.5200066, "2026-11-20T09:00:00+0100", """ "horizontal_accuracy":8,"altitude":35,"speed":1.4,"course":-1,"vertical_accuracy":3 """),
            Feature(13.405, 52.521, "2026-11-20T08:00:05Z", """ "horizontal_accuracy":12,"speed":-1 """),
            Feature(13.405, 52.521, "2026-11-20T08:00:06Z", """ "action":"visit","arrival_date":"2026-11-20T07:00:00Z" """));
        using var first = await phone.PostOverlandAsync(batch, Cancellation);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Cancellation));
        JsonDocument.Parse(await first.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("result").GetString().ShouldBe("ok");

        var stored = await StoredFixes.OfAsync(_database, phone.UserName, Cancellation);
        stored.Count.ShouldBe(2, "two locations; the visit event is not a fix");
        stored[0].ShouldBe(new StoredFix(
            new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), 525_200_066, 134_049_540, 8, 35, 1, null, "overland", Lake.Live.LiveDevices.IdOf("iphone"),
            "overland.http", "overland"));
        stored[1].Velocity.ShouldBeNull("iOS's -1 means unknown");

        using var resent = await phone.PostOverlandAsync(batch, Cancellation, tokenInQuery: true);
        resent.StatusCode.ShouldBe(HttpStatusCode.OK, await resent.Content.ReadAsStringAsync(Cancellation));
        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).ShouldBe(stored, "a batch sent again stores nothing new");
        var files = await _database.ScalarAsync<long>(
            "SELECT count(*) FROM imports.files WHERE user_id = @user AND source = 'overland' AND status = 'imported'",
            new Dictionary<string, object> { ["user"] = phone.UserName }, Cancellation);
        files.ShouldBe(2, "each received batch has its provenance row");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_live_fix_and_the_same_fix_imported_later_from_an_OwnTracks_recorder_file_are_one_fix()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var live = $$"""{"_type":"location","lat":48.137108,"lon":11.575382,"tst":{{Tst}},"acc":6,"tid":"ph"}""";
        using var posted = await phone.PostOwnTracksAsync(live, Cancellation);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync(Cancellation));

        using var folder = new TempFolder();
        var recorder = folder.File("store/rec/me/ph/2026-11.rec");
        await File.WriteAllTextAsync(recorder, string.Join("\n",
            $"2026-11-20T08:00:00Z\t*                 \t{live}",
            $$"""2026-11-20T08:01:00Z	*                 	{"_type":"location","lat":48.1372,"lon":11.5755,"tst":{{Tst + 60}},"acc":6,"tid":"ph"}""") + "\n", Cancellation);
        using var gateway = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken);
        gateway.ActAs(phone.UserName);
        var started = await gateway.StartImportOfPathsAsync([recorder], Cancellation);
        var import = await FinishedImports.WaitAsync(gateway, started.ImportId, recorder, Cancellation);
        import.Status.ShouldBe(ImportState.Completed, $"{import.Message} {string.Join("; ", import.Errors)}");

        var stored = await StoredFixes.OfAsync(_database, phone.UserName, Cancellation);
        stored.Count.ShouldBe(2, "the recorder's copy of the live fix is the same fix: " + string.Join("; ", stored));
        stored[0].Format.ShouldBe("owntracks.http", "the live copy knows its device, so it is the richer one and stays");
        var lineage = await _database.QueryAsync(
            """
            SELECT m.rule, m.records, f.format_id FROM imports.file_matches m JOIN imports.files f ON f.file_id = m.matched_file_id
            WHERE m.user_id = @user
            """,
            new Dictionary<string, object> { ["user"] = phone.UserName },
            reader => (Rule: reader.GetString(0), Records: reader.GetInt64(1), Format: reader.GetString(2)),
            Cancellation);
        lineage.ShouldHaveSingleItem().ShouldBe(("cross_format", 1L, "owntracks.http"), "the recorder file's match points at the live batch's file");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task The_same_fixes_from_two_apps_at_two_precisions_posted_at_once_are_stored_once()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var start = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
        string Longitude(int i, double shift, string format) => (2.35 + (i * 1e-4) + shift).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        // The same 200 fixes from Overland with 7 decimals (2.3500001) and from OwnTracks with 6 (2.350000, no
        // device): one fix to the coarser precision but different stored values, so only the merge's pairing
        // (not the unique index) can tell them. Each protocol has its own provenance rows, so nothing but the
        // per-user lock makes batches posted side by side take turns.
        var overland = OverlandBatch([.. Enumerable.Range(0, 200).Select(i => FeatureText(Longitude(i, 1e-7, "F7"), start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))]);
        var ownTracks = "[" + string.Join(",", Enumerable.Range(0, 200).Select(i =>
            $$"""{"_type":"location","lat":48.850000,"lon":{{Longitude(i, 0, "F6")}},"tst":{{start.AddSeconds(i).ToUnixTimeSeconds()}}}""")) + "]";
        var posts = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? phone.PostOverlandAsync(overland, Cancellation) : phone.PostOwnTracksAsync(ownTracks, Cancellation)).ToList();
        foreach (var response in await Task.WhenAll(posts))
        {
            using (response)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
            }
        }

        var stored = await StoredFixes.OfAsync(_database, phone.UserName, Cancellation);
        stored.Count.ShouldBe(200, "each fix once, whichever app's batch stored it first");
        stored.ShouldAllBe(fix => fix.Format == "overland.http", "the 7-decimal copies are the richer ones and are kept");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Stored_fixes_are_announced_on_the_users_records_channel()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("DATAPUNK_TEST_REDIS") ?? "127.0.0.1:6379");
        var arrived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(
            RedisChannel.Literal($"dp:u:{{{phone.UserName}}}:records"), (_, message) => arrived.TrySetResult(message.ToString()));

        using var response = await phone.PostOverlandAsync(OverlandBatch(
            Feature(2.35, 48.85, "2026-11-20T10:00:00Z", """ "horizontal_accuracy":5 """),
            Feature(2.36, 48.86, "2026-11-20T10:05:00Z", """ "horizontal_accuracy":5 """)), Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));

        var message = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var json = JsonDocument.Parse(message).RootElement;
        json.GetProperty("kind").GetString().ShouldBe("location_points", message);
        json.GetProperty("source").GetString().ShouldBe("overland", message);
        json.GetProperty("stored").GetInt64().ShouldBe(2, message);
        json.GetProperty("from").GetDateTime().ShouldBe(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), message);
        json.GetProperty("until").GetDateTime().ShouldBe(new DateTime(2026, 11, 20, 10, 5, 0, DateTimeKind.Utc), message);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    internal static string OverlandBatch(params string[] features) => $$"""{"locations":[{{string.Join(",", features)}}]}""";

    internal static string Feature(double longitude, double latitude, string timestamp, string properties) =>
        $$$"""
        {"type":"Feature","geometry":{"type":"Point","coordinates":[{{{Invariant(longitude)}}},{{{Invariant(latitude)}}}]},
         "properties":{"timestamp":"{{{timestamp}}}","device_id":"iphone",{{{properties}}}}}
        """;

    private static string FeatureText(string longitude, string timestamp) =>
        $$$"""
        {"type":"Feature","geometry":{"type":"Point","coordinates":[{{{longitude}}},48.85]},"properties":{"timestamp":"{{{timestamp}}}","device_id":"iphone"}}
        """;

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
