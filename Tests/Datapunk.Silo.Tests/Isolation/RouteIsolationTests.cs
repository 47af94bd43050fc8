using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Isolation;

/// <summary>
/// Isolation proven by enumeration: the routes come from the silo's own OpenAPI document, so a new
/// route is covered the day it is added. With two users holding data, user A calls every route with
/// user B's ids (tokens, sessions, exports, imports, user name, table name) and no answer ever contains B's data
/// or is a server error; an anonymous caller gets 401 everywhere but the public routes; B's data and
/// credentials are intact afterwards.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class RouteIsolationTests(SiloProcessFixture silo)
{
    /// <summary>Routes anyone may call (docs/api.md, "Authentication").</summary>
    // The webhooks carry no Datapunk credentials: each notification carries the secret its subscription was given,
    // and one without it starts nothing and is answered like an authentic one (docs/sources.md, "Webhooks").
    private static readonly string[] PublicRoutes =
    [
        "/health/live", "/health/ready", "/api/v1/auth/sign-in", "/api/v1/auth/link", "/api/v1/auth/refresh", "/api/v1/connections/callback",
        "/api/v1/webhooks/microsoft/{connection}", "/api/v1/webhooks/google-calendar/{connection}",
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task No_route_shows_one_user_another_users_data_or_fails_with_500()
    {
        var other = await SeedUserAsync("victim");
        var caller = await SeedUserAsync("caller");
        var routes = await RoutesAsync();
        routes.Count.ShouldBeGreaterThan(20, "the OpenAPI document lists the API");
        using var http = Client(caller.Token);

        var failures = new List<string>();
        foreach (var (method, template) in routes)
        {
            using var request = Request(method, template, other);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
            var body = await BodyOfAsync(response);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{method} {request.RequestUri} answered {(int)response.StatusCode}: {Cut(body)}");
            }

            foreach (var marker in other.Markers.Where(marker => body.Contains(marker, StringComparison.Ordinal)))
            {
                failures.Add($"{method} {request.RequestUri} answered {(int)response.StatusCode} with the other user's '{marker}': {Cut(body)}");
            }
        }

        failures.ShouldBeEmpty();
        await ShouldBeIntactAsync(other);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_anonymous_caller_gets_401_from_every_route_but_the_public_ones()
    {
        var other = await SeedUserAsync("victim");
        using var http = Client(token: null);

        var failures = new List<string>();
        foreach (var (method, template) in await RoutesAsync())
        {
            if (PublicRoutes.Contains(template))
            {
                continue;
            }

            using var request = Request(method, template, other);
            using var response = await http.SendAsync(request, Cancellation);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {template} answered {(int)response.StatusCode} to an anonymous caller");
            }
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>A user with a profile, a second token, a signed-in session, an export and an uploaded table: things whose ids the other user will try.</summary>
    private async Task<SeededUser> SeedUserAsync(string prefix)
    {
        using var admin = silo.AdminClient();
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var created = await admin.CreateUserAsync(new NewUser(name), Cancellation);
        var secret = Guid.NewGuid().ToString("N")[..12];
        using var http = Client(created.Token);
        (await http.PatchAsync("api/v1/me", Json(new { displayName = $"Display {secret}", email = $"mail-{secret}@example.org" }), Cancellation))
            .EnsureSuccessStatusCode();
        (await http.PutAsync("api/v1/me/password", Json(new { newPassword = "correct horse battery" }), Cancellation)).EnsureSuccessStatusCode();
        using var asUser = new DatapunkGatewayClient(silo.Gateway, created.Token);
        var spare = await asUser.CreateTokenAsync($"token-{secret}", ["read"], cancellationToken: Cancellation);
        var ingest = await asUser.CreateIngestTokenAsync($"phone-{secret}", Cancellation);
        var session = await asUser.SignInAsync(name, "correct horse battery", Cancellation);
        using var exported = await http.PostAsync("api/v1/privacy/exports", content: null, Cancellation);
        exported.EnsureSuccessStatusCode();
        var exportId = JsonDocument.Parse(await exported.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("exportId").GetGuid();
        using var table = new TempFolder();
        var tableFile = table.File("secret.csv");
        await File.WriteAllLinesAsync(tableFile, ["secret", $"table-{secret}"], Cancellation);
        await asUser.UploadTableAsync(tableFile, $"table_{secret}", new TableUploadOptions(), replace: false, Cancellation);
        return new SeededUser(name, created.Token, spare.Token.TokenId, session.SessionId, exportId, ingest.Token.TokenId, $"table_{secret}",
            [$"Display {secret}", $"mail-{secret}@example.org", $"token-{secret}", created.Token, spare.Text, session.AccessToken, $"phone-{secret}", ingest.Text,
             $"table-{secret}"]);
    }

    private async Task ShouldBeIntactAsync(SeededUser user)
    {
        using var asUser = new DatapunkGatewayClient(silo.Gateway, user.Token);
        var me = await asUser.GetMeAsync(Cancellation);
        me.Email.ShouldNotBeNull().ShouldBe(user.Markers[1], "the other user's profile is unchanged");
        using var http = Client(user.Token);
        var tokens = await http.GetStringAsync("api/v1/me/tokens", Cancellation);
        tokens.ShouldContain(user.SpareTokenId.ToString(), customMessage: "the other user's token was not revoked");
        tokens.ShouldNotContain("\"revokedAt\":\"", customMessage: "no token of the other user was revoked");
        var ingestTokens = await asUser.ListIngestTokensAsync(Cancellation);
        ingestTokens.ShouldContain(token => token.TokenId == user.IngestTokenId && token.RevokedAt == null, "the other user's ingest token was not revoked");
        var sessions = await http.GetStringAsync("api/v1/me/sessions", Cancellation);
        sessions.ShouldContain(user.SessionId.ToString(), customMessage: "the other user's session was not signed out");
        (await asUser.GetTableAsync(user.TableName, cancellationToken: Cancellation)).Rows.Count.ShouldBe(1, "the other user's table was not deleted");
    }

    private async Task<List<(string Method, string Template)>> RoutesAsync()
    {
        using var http = Client(token: null);
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json", Cancellation));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), path.Name)))];
    }

    /// <summary>The route with every id naming the other user's things, a query that returns data, and a body that targets the other user.</summary>
    private static HttpRequestMessage Request(string method, string template, SeededUser other)
    {
        var path = template
            .Replace("{userName}", other.Name, StringComparison.Ordinal)
            .Replace("{tokenId}", other.SpareTokenId.ToString(), StringComparison.Ordinal)
            .Replace("{sessionId}", other.SessionId.ToString(), StringComparison.Ordinal)
            .Replace("{exportId}", other.ExportId.ToString(), StringComparison.Ordinal)
            .Replace("{ingestTokenId}", other.IngestTokenId.ToString(), StringComparison.Ordinal)
            .Replace("{name}", other.TableName, StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/') + QueryFor(template));
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            request.Content = Json(new { confirm = other.Name, userName = other.Name, refreshToken = "dprt_x", code = "x", name = "x", password = "x", question = "who did I write to most",
                sql = "SELECT kind, title, body FROM records" });
        }

        return request;
    }

    private static string QueryFor(string template) => template switch
    {
        "/api/v1/records" => "?kind=place_visits",
        "/api/v1/timeline" => "?from=2019-01-01&to=2019-01-31",
        "/api/v1/map/points" or "/api/v1/map/places" => "?bbox=-180,-90,180,90",
        "/api/v1/stats/daily" => "?metric=location_fixes&from=2019-01-01&to=2019-12-31",
        "/api/v1/anomalies" => "?from=2019-01-01&to=2019-12-31",
        _ => "",
    };

    private HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>The answer's body; of an event stream, which does not end, what came in its first two seconds.</summary>
    private static async Task<string> BodyOfAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await response.Content.ReadAsStringAsync(Cancellation);
        }

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        reading.CancelAfter(TimeSpan.FromSeconds(2));
        await using var stream = await response.Content.ReadAsStreamAsync(Cancellation);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, reading.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
        {
        }

        return text.ToString();
    }

    private static string Cut(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private sealed record SeededUser(
        string Name, string Token, Guid SpareTokenId, Guid SessionId, Guid ExportId, Guid IngestTokenId, string TableName, IReadOnlyList<string> Markers);
}
