using System.Net;
using System.Text.Json;

namespace Datapunk.Import.Tests.Reading;

/// <summary>The reading routes over HTTP on a real silo: the caller's token decides whose data, bad input is a 400 that says why.</summary>
[Collection(SiloCollection.Name)]
public sealed class ReadingHttpTests(SiloFixture silo)
{
    private async Task<JsonElement> GetAsync(string user, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = await ReadingCallers.ClientAsync(silo.Gateway, user);
        using var response = await client.GetAsync(path, ReadingData.Cancel);
        var body = await response.Content.ReadAsStringAsync(ReadingData.Cancel);
        response.StatusCode.ShouldBe(expected, $"GET {path} as {user}: {body}\n{silo.OutputTail}");
        if (expected != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Strings(JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(item => item.GetProperty(property).GetString()!)];

    [Fact]
    public async Task Records_are_the_callers_own_with_their_source_fields_as_JSON()
    {
        await ReadingData.ReadyAsync();

        var a = await GetAsync(ReadingData.A, "/api/v1/records?kind=place_visits");
        var b = await GetAsync(ReadingData.B, "/api/v1/records?kind=place_visits");

        Strings(a.GetProperty("records"), "title").ShouldBe(["Park Gamma Anna", "Museum Beta Anna", "Café Alpha Anna", "Café Alpha Anna"]);
        Strings(b.GetProperty("records"), "title").ShouldAllBe(title => title.EndsWith(" Bernd"));
        var museum = a.GetProperty("records")[1];
        museum.GetProperty("source").GetProperty("placeVisit").GetProperty("location").GetProperty("placeId").GetString().ShouldBe("P2-Anna");
        museum.GetProperty("position").GetProperty("lat").GetDouble().ShouldBe(52.5163);
        museum.GetProperty("provenance").GetProperty("format").GetString().ShouldBe("google.location.semantic");
        a.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Following_next_links_lists_every_record_once_and_another_callers_cursor_reads_only_their_own()
    {
        await ReadingData.ReadyAsync();
        var ids = new List<string>();
        string? next = "/api/v1/records?kind=spotify_plays&limit=7";
        string? firstNext = null;
        while (next is not null && ids.Count < 100)
        {
            var page = await GetAsync(ReadingData.A, next);
            ids.AddRange(Strings(page.GetProperty("records"), "id"));
            next = page.GetProperty("next").GetString();
            firstNext ??= next;
        }

        var withAsCursor = await GetAsync(ReadingData.B, firstNext!);

        ids.Count.ShouldBe(ReadingExport.SameMinutePlays + 1);
        ids.Distinct().Count().ShouldBe(ids.Count);
        firstNext.ShouldStartWith("/api/v1/records?kind=spotify_plays&limit=7&after=");
        Strings(withAsCursor.GetProperty("records"), "title").ShouldAllBe(title => title.EndsWith(" Bernd"), "a cursor positions a read; whose rows is the token's");
    }

    [Fact]
    public async Task Timeline_map_and_stats_answer_for_the_callers_local_days()
    {
        await ReadingData.ReadyAsync();

        var timeline = await GetAsync(ReadingData.A, "/api/v1/timeline?date=2019-05-03&tz=Europe/Berlin");
        var points = await GetAsync(ReadingData.A, "/api/v1/map/points?bbox=13,52,14,53&limit=2");
        var places = await GetAsync(ReadingData.A, "/api/v1/map/places?bbox=13,52,14,53");
        var minutes = await GetAsync(ReadingData.A, "/api/v1/stats/daily?metric=listening_minutes&from=2019-05-02&to=2019-05-04&tz=Europe/Berlin");
        var metrics = await GetAsync(ReadingData.A, "/api/v1/stats/metrics");

        timeline.GetProperty("entries").GetArrayLength().ShouldBe(34);
        timeline.GetProperty("entries")[1].GetProperty("localAt").GetString().ShouldBe("2019-05-03T01:30:00+02:00");
        points.GetProperty("fixes").GetInt64().ShouldBe(5);
        points.GetProperty("points").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
        points.GetProperty("simplification").GetProperty("method").GetString().ShouldBe("grid");
        Strings(places.GetProperty("places"), "name").ShouldBe(["Café Alpha Anna", "Museum Beta Anna", "Park Gamma Anna"], ignoreOrder: true);
        minutes.GetProperty("days").EnumerateArray().Select(day => day.GetProperty("value").GetDouble()).ShouldBe([0, 25, 2]);
        Strings(metrics, "name").ShouldContain("distance_km");
    }

    [Fact]
    public async Task A_map_tile_is_a_privately_cached_vector_tile_of_the_callers_fixes_and_204_where_there_are_none()
    {
        await ReadingData.ReadyAsync();
        using var client = await ReadingCallers.ClientAsync(silo.Gateway, ReadingData.A);
        var (x, y) = DecodedFix.TileOf(52.52, 13.405, 10);

        using var tile = await client.GetAsync($"/api/v1/map/tiles/10/{x}/{y}.mvt?from=2019-05-03&to=2019-05-04", ReadingData.Cancel);
        using var empty = await client.GetAsync("/api/v1/map/tiles/10/0/0.mvt", ReadingData.Cancel);
        var extent = await GetAsync(ReadingData.A, "/api/v1/map/extent?from=2019-05-03");

        tile.StatusCode.ShouldBe(HttpStatusCode.OK, silo.OutputTail);
        tile.Content.Headers.ContentType?.MediaType.ShouldBe("application/vnd.mapbox-vector-tile");
        tile.Headers.CacheControl.ShouldNotBeNull().Private.ShouldBeTrue("tiles are personal data: no shared cache may keep them");
        tile.Headers.Vary.ShouldContain("Authorization");
        var fixes = DecodedFix.Decode(await tile.Content.ReadAsByteArrayAsync(ReadingData.Cancel), 10, x, y);
        fixes.Select(fix => fix.T).ShouldBe([.. new[] { "10:00", "10:01", "10:03", "10:30" }
            .Select(time => DateTimeOffset.Parse($"2019-05-03T{time}:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds())]);
        empty.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        extent.GetProperty("fixes").GetInt64().ShouldBe(5);
        extent.GetProperty("box").GetProperty("maxLat").GetDouble().ShouldBe(52.529);
    }

    [Theory]
    [InlineData("/api/v1/map/tiles/23/0/0.mvt", "z")]
    [InlineData("/api/v1/map/tiles/2/4/0.mvt", "x")]
    [InlineData("/api/v1/map/tiles/2/0/north.mvt", "y")]
    [InlineData("/api/v1/map/tiles/2/0/0.mvt?from=yesterday", "from")]
    [InlineData("/api/v1/map/extent?from=2019-05-03&to=2019-05-02", "to")]
    [InlineData("/api/v1/records?kind=visits", "kind")]
    [InlineData("/api/v1/records?limit=0", "limit")]
    [InlineData("/api/v1/records?from=yesterday", "from")]
    [InlineData("/api/v1/records?after=forged", "after")]
    [InlineData("/api/v1/timeline?date=2019-05-03&tz=Mars/Olympus_Mons", "tz")]
    [InlineData("/api/v1/timeline?from=2019-05-01&to=2019-07-01", "to")]
    [InlineData("/api/v1/timeline", "date")]
    [InlineData("/api/v1/timeline?date=2019-05-03&source=Google%20Location", "source")]
    [InlineData("/api/v1/map/points", "bbox")]
    [InlineData("/api/v1/map/points?bbox=170,-10,-170,10", "bbox")]
    [InlineData("/api/v1/map/places?bbox=13,52,14,53&limit=5001", "limit")]
    [InlineData("/api/v1/stats/daily?metric=heart_rate&from=2019-05-01&to=2019-05-02", "metric")]
    [InlineData("/api/v1/stats/daily?metric=records&from=2019-05-01&to=2019-05-02", "kind")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string path, string parameter)
    {
        await ReadingData.ReadyAsync();

        var problem = await GetAsync(ReadingData.A, path, HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(parameter, out var errors).ShouldBeTrue($"an error for '{parameter}' in {problem}");
        errors[0].GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/api/v1/records")]
    [InlineData("/api/v1/timeline?date=2019-05-03")]
    [InlineData("/api/v1/map/points?bbox=13,52,14,53")]
    [InlineData("/api/v1/map/places?bbox=13,52,14,53")]
    [InlineData("/api/v1/map/tiles/0/0/0.mvt")]
    [InlineData("/api/v1/map/extent")]
    [InlineData("/api/v1/stats/daily?metric=location_fixes&from=2019-05-01&to=2019-05-02")]
    public async Task An_anonymous_caller_gets_401(string path)
    {
        await ReadingData.ReadyAsync();
        using var client = await ReadingCallers.ClientAsync(silo.Gateway, null);

        using var response = await client.GetAsync(path, ReadingData.Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
