using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Ingest;

/// <summary>
/// What the live location endpoints refuse, against the real silo: other users' names and other
/// credentials, revoked tokens, malformed and oversized bodies, floods; each refusal stores nothing.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class LiveLocationRefusalTests(SiloProcessFixture silo) : IAsyncDisposable
{
    private const long Tst = 1_795_161_600;

    private readonly TestDatabase _database = new("live-location-refusals", maxPoolSize: 2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Location(long tst, double lat = 52.5, double lon = 13.4) =>
        FormattableString.Invariant($$"""{"_type":"location","lat":{{lat}},"lon":{{lon}},"tst":{{tst}},"tid":"ph"}""");

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task One_users_ingest_token_never_writes_or_reads_for_another_and_opens_nothing_else()
    {
        using var a = await LivePhone.CreateAsync(silo, Cancellation);
        using var b = await LivePhone.CreateAsync(silo, Cancellation);

        using (var asB = await a.PostOwnTracksAsync(Location(Tst), Cancellation, basicUser: b.UserName))
        {
            asB.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "A's token with B's name");
        }

        foreach (var (method, path) in new[] { ("GET", "api/v1/records"), ("GET", "api/v1/map/points?bbox=-180,-90,180,90"), ("GET", "api/v1/me"),
                     ("GET", "api/v1/me/ingest-tokens"), ("POST", "api/v1/me/ingest-tokens"), ("DELETE", $"api/v1/me/ingest-tokens/{b.TokenId}") })
        {
            using var response = await a.SendAsync(new HttpMethod(method), path, a.Token, Cancellation, method == "POST" ? """{"name":"x"}""" : null);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"an ingest token opens nothing but /ingest: {method} {path}");
        }

        using (var personal = await a.SendAsync(HttpMethod.Post, "ingest/owntracks", a.UserToken, Cancellation, Location(Tst)))
        {
            personal.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a personal access token does not open the ingest routes");
        }

        using (var own = await a.PostOwnTracksAsync(Location(Tst), Cancellation))
        {
            own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync(Cancellation));
        }

        (await StoredFixes.OfAsync(_database, a.UserName, Cancellation)).Count.ShouldBe(1);
        (await StoredFixes.OfAsync(_database, b.UserName, Cancellation)).ShouldBeEmpty("nothing A's token sent reached B");

        using var asB2 = new DatapunkGatewayClient(silo.Gateway, b.UserToken);
        (await asB2.ListIngestTokensAsync(Cancellation)).Select(token => token.TokenId).ShouldBe([b.TokenId], "B lists B's tokens only");
        (await asB2.RevokeIngestTokenAsync(a.TokenId, Cancellation)).ShouldBeFalse("B cannot revoke A's token: it is not found");
        using var stillWorks = await a.PostOwnTracksAsync(Location(Tst + 60), Cancellation);
        stillWorks.StatusCode.ShouldBe(HttpStatusCode.OK, "A's token survived B's attempt");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_revoked_ingest_token_is_refused_with_401()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        using (var before = await phone.PostOverlandAsync("""{"locations":[]}""", Cancellation))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK, await before.Content.ReadAsStringAsync(Cancellation));
        }

        using var owner = new DatapunkGatewayClient(silo.Gateway, phone.UserToken);
        (await owner.RevokeIngestTokenAsync(phone.TokenId, Cancellation)).ShouldBeTrue();
        (await owner.ListIngestTokensAsync(Cancellation)).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();

        using var overland = await phone.PostOverlandAsync("""{"locations":[]}""", Cancellation);
        overland.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var ownTracks = await phone.PostOwnTracksAsync(Location(Tst), Cancellation);
        ownTracks.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ownTracks.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic", customMessage: "OwnTracks is told to send Basic credentials");
        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).ShouldBeEmpty();
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task The_command_line_creates_lists_and_revokes_a_users_ingest_tokens()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var created = await CliAsync("ingest-tokens", "create", "garmin", "--user", phone.UserName, "--json");
        var json = JsonDocument.Parse(created.Output).RootElement;
        var (tokenId, token) = (json.GetProperty("tokenId").GetGuid(), json.GetProperty("token").GetString()!);
        using (var posted = await phone.PostOwnTracksAsync(Location(Tst), Cancellation, token: token))
        {
            posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync(Cancellation));
        }

        var listed = await CliAsync("ingest-tokens", "list", "--user", phone.UserName, "--json");
        JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Select(item => item.GetProperty("tokenId").GetGuid())
            .ShouldBe([tokenId, phone.TokenId], ignoreOrder: true, customMessage: listed.ToString());
        (await CliAsync("ingest-tokens", "revoke", tokenId.ToString(), "--user", phone.UserName)).Output.ShouldContain($"Revoked ingest token {tokenId}");

        using var refused = await phone.PostOwnTracksAsync(Location(Tst + 60), Cancellation, token: token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token the command line revoked");
        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).Count.ShouldBe(1);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Malformed_bodies_are_refused_with_400_naming_the_problem_and_where_and_store_nothing()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var ownTracks = new (string Body, string Expected)[]
        {
            ("""{"_type":"location","lat":52.5,""", "not valid JSON at line 1"),
            ($"[{Location(Tst)},{Location(Tst + 1, lat: 91)}]", "$[1]: latitude 91 is not between -90 and 90"),
            ("""{"_type":"location","lat":52.5,"lon":13.4}""", "$.tst: a location message needs tst"),
            ("""{"_type":"location","lon":13.4,"tst":1795161600}""", "$: a location message needs lat and lon"),
            ("\"location\"", "$: the body is a string"),
            ($"[{Location(Tst)},{Location(4_102_444_800)}]", "$[1].tst: 2100-01-01T00:00:00Z is more than 24 hours after the server's clock"),
        };
        foreach (var (body, expected) in ownTracks)
        {
            using var response = await phone.PostOwnTracksAsync(body, Cancellation);
            await ShouldBeRefusedAsync(response, HttpStatusCode.BadRequest, expected);
        }

        var overland = new (string Body, string Expected)[]
        {
            ("""{"points":[]}""", "$.locations: Overland posts an object"),
            (LiveLocationStorageTests.OverlandBatch(
                LiveLocationStorageTests.Feature(13.4, 52.5, "2026-11-20T08:00:00Z", """ "speed":1 """),
                """{"type":"Feature","geometry":{"type":"Point","coordinates":[13.4,52.5]},"properties":{"device_id":"x"}}"""),
             "$.locations[1].properties.timestamp: a location needs its time"),
            (LiveLocationStorageTests.OverlandBatch(LiveLocationStorageTests.Feature(13.4, 52.5, "yesterday", """ "speed":1 """)),
             "$.locations[0].properties.timestamp: 'yesterday' is not an ISO 8601 time"),
            (LiveLocationStorageTests.OverlandBatch(
                """{"type":"Feature","geometry":{"type":"Point","coordinates":["13.4","52.5"]},"properties":{"timestamp":"2026-11-20T08:00:00Z"}}"""),
             "$.locations[0].geometry: a location needs a Point geometry"),
            (LiveLocationStorageTests.OverlandBatch(LiveLocationStorageTests.Feature(200, 52.5, "2026-11-20T08:00:00Z", """ "speed":1 """)),
             "$.locations[0].geometry.coordinates: longitude 200 is not between -180 and 180"),
        };
        foreach (var (body, expected) in overland)
        {
            using var response = await phone.PostOverlandAsync(body, Cancellation);
            await ShouldBeRefusedAsync(response, HttpStatusCode.BadRequest, expected);
        }

        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).ShouldBeEmpty("no refused body stored any of its fixes, not even the good ones before the bad");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Oversized_bodies_and_batches_are_refused_and_store_nothing()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        var padding = new string(' ', (2 << 20) + 1 - Location(Tst).Length);
        using (var large = await phone.PostOwnTracksAsync(Location(Tst) + padding, Cancellation))
        {
            await ShouldBeRefusedAsync(large, HttpStatusCode.RequestEntityTooLarge, "longer than the 2097152 bytes taken per request");
        }

        var many = "[" + string.Join(",", Enumerable.Range(0, 1_001).Select(i => Location(Tst + i))) + "]";
        using (var tooMany = await phone.PostOwnTracksAsync(many, Cancellation))
        {
            await ShouldBeRefusedAsync(tooMany, HttpStatusCode.BadRequest, "The body holds 1001 locations; at most 1000 are taken per request");
        }

        var most = "[" + string.Join(",", Enumerable.Range(0, 1_000).Select(i => Location(Tst + i))) + "]";
        using (var allowed = await phone.PostOwnTracksAsync(most, Cancellation))
        {
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync(Cancellation));
        }

        (await StoredFixes.OfAsync(_database, phone.UserName, Cancellation)).Count.ShouldBe(1_000, "only the batch within the limits was stored");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_flooding_token_is_told_to_wait_and_another_token_of_the_user_is_not()
    {
        using var phone = await LivePhone.CreateAsync(silo, Cancellation);
        HttpResponseMessage? refused = null;
        for (var sent = 0; sent < 400 && refused is null; sent++)
        {
            var response = await phone.PostOwnTracksAsync("""{"_type":"lwt","tst":1795161600}""", Cancellation);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
            response.Dispose();
        }

        refused.ShouldNotBeNull("400 requests in a row from one token were never limited");
        using (refused)
        {
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }

        using var owner = new DatapunkGatewayClient(silo.Gateway, phone.UserToken);
        var second = await owner.CreateIngestTokenAsync("tablet", Cancellation);
        using var other = await phone.PostOwnTracksAsync(Location(Tst), Cancellation, token: second.Text);
        other.StatusCode.ShouldBe(HttpStatusCode.OK, "each token has its own limit");
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>The CLI with the owner's credentials (acting for the user with --user); fails the test unless it succeeds.</summary>
    private async Task<CliResult> CliAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);
        result.ExitCode.ShouldBe(0, result.ToString());
        return result;
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(status, body);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(expected, Case.Sensitive, body);
    }
}
