using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Spotify's documented protocol Datapunk uses: the accounts
/// service's <c>/authorize</c> (it signs in as <see cref="SignedInAccount"/> and redirects with a code)
/// and <c>/api/token</c> (authorization_code with PKCE S256, refresh_token; client id and secret by
/// HTTP Basic), and the Web API's <c>/v1/me</c>, <c>/v1/me/player/recently-played</c> (limit, after,
/// cursors), <c>/v1/me/tracks</c> and <c>/v1/me/playlists</c> (limit, offset, <c>next</c> links) and
/// <c>/v1/playlists/{id}/tracks</c> (limit, offset, <c>next</c>; each playlist's <c>snapshot_id</c>
/// changes with its items). Access tokens expire on demand (<see cref="ExpireAccessTokens"/>: 401),
/// planned faults (<see cref="Fault"/>, or <see cref="FaultOn"/> for one path) answer API requests with
/// 429 and Retry-After, 5xx or malformed JSON, and <see cref="Hold"/> keeps an answer until released.
/// Every API request is recorded with its arrival time and the account its token belongs to.
/// </summary>
public sealed class FakeSpotify : IAsyncDisposable
{
    public const string ClientSecret = "datapunk-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeSpotifyAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Account, string Challenge, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private readonly FakeAccessTokens _accessTokens = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeSpotifyFault> _faults = new();
    private readonly PlannedFaults<FakeSpotifyFault> _pathFaults = new();
    private volatile FakeSpotifyHold? _hold;
    private int _refreshes;
    private int _exchanges;

    private FakeSpotify(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>A client id of this server's own, so its quota (keyed by client id) is shared with no other test's.</summary>
    public string ClientId { get; } = "datapunk-test-" + Guid.NewGuid().ToString("N")[..12];

    public Uri AuthorizeEndpoint => new(Address, "authorize");

    public Uri TokenEndpoint => new(Address, "api/token");

    public Uri ApiBase => new(Address, "v1/");

    /// <summary>The account a browser sent to <c>/authorize</c> signs in as (after those of <see cref="SignInQueue"/>).</summary>
    public string? SignedInAccount { get; set; }

    /// <summary>Accounts the next browsers sent to <c>/authorize</c> sign in as, one each, in turn: many connections made at once.</summary>
    public ConcurrentQueue<string> SignInQueue { get; } = new();

    /// <summary>How long each API answer takes.</summary>
    public TimeSpan ResponseDelay { get; set; }

    public int Refreshes => _refreshes;

    public int CodeExchanges => _exchanges;

    /// <summary>API requests (not token requests) by arrival time, path with query, and the account of their token ("" for none).</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Path, string Account)> ApiRequests { get; } = new();

    /// <summary>The settings that point a silo's (or an engine's) Spotify provider here, as configuration keys.</summary>
    public Dictionary<string, string> Settings(string prefix = "Stream:Providers:spotify:") =>
        FakeProviderServer.Settings(prefix, ClientId, ClientSecret, AuthorizeEndpoint, TokenEndpoint, ApiBase);

    public static async Task<FakeSpotify> StartAsync()
    {
        var app = FakeProviderServer.Build(out var address);
        var fake = new FakeSpotify(app, address);
        app.MapGet("/authorize", fake.Authorize);
        app.MapPost("/api/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
        app.MapGet("/v1/me", context => fake.ApiAsync(context, account => new JsonObject { ["id"] = account.Id, ["display_name"] = account.DisplayName }));
        app.MapGet("/v1/me/player/recently-played", context => fake.ApiAsync(context, account => RecentlyPlayed(context, account)));
        app.MapGet("/v1/me/tracks", context => fake.ApiAsync(context, account => fake.Paged(context, account.Saved, 50, track => new JsonObject
        {
            ["added_at"] = Time(track.AddedAt),
            ["track"] = Track(track.TrackId, track.Name, track.Artist),
        })));
        app.MapGet("/v1/me/playlists", context => fake.ApiAsync(context, account => fake.Paged(context, account.Playlists, 50, playlist => new JsonObject
        {
            ["id"] = playlist.Id,
            ["name"] = playlist.Name,
            ["snapshot_id"] = playlist.SnapshotId,
            ["uri"] = $"spotify:playlist:{playlist.Id}",
            ["tracks"] = new JsonObject { ["href"] = $"{fake.ApiBase}playlists/{playlist.Id}/tracks", ["total"] = playlist.Items.Count },
        })));
        app.MapGet("/v1/playlists/{id}/tracks", context => fake.ApiAsync(context, account =>
        {
            var playlist = account.Playlists.Single(p => p.Id == (string)context.Request.RouteValues["id"]!);
            return fake.Paged(context, playlist.Items, 100, item => new JsonObject
            {
                ["added_at"] = Time(item.AddedAt),
                ["added_by"] = new JsonObject { ["id"] = account.Id },
                ["is_local"] = false,
                ["track"] = Track(item.TrackId, item.Name, item.Artist),
            });
        }));
        await app.StartAsync();
        return fake;
    }

    public FakeSpotifyAccount AddAccount(string id, string displayName) => _accounts.GetOrAdd(id, _ => new FakeSpotifyAccount(id, displayName));

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens()
    {
        _accessTokens.ExpireAll();
    }

    /// <summary>The next API requests, one each, are answered with these faults.</summary>
    public void Fault(params FakeSpotifyFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>The next API request whose path and query contain <paramref name="pathPart"/> is answered with <paramref name="fault"/>.</summary>
    public void FaultOn(string pathPart, FakeSpotifyFault fault) => _pathFaults.Plan(pathPart, fault);

    /// <summary>Holds the answer to the next API request whose path and query contain <paramref name="pathPart"/> until the hold is released.</summary>
    public FakeSpotifyHold Hold(string pathPart) => _hold = new FakeSpotifyHold(pathPart);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest("invalid authorize request");
        }

        var redirect = query["redirect_uri"].ToString();
        var state = query["state"].ToString();
        if ((SignInQueue.TryDequeue(out var next) ? next : SignedInAccount) is not { } account)
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={Uri.EscapeDataString(state)}");
        }

        var code = FakeOAuth.Token();
        _codes[code] = (account, query["code_challenge"].ToString(), redirect);
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var form = await context.Request.ReadFormAsync();
        string account;
        if (form["grant_type"] == "authorization_code")
        {
            if (!_codes.TryRemove(form["code"].ToString(), out var issued) || issued.RedirectUri != form["redirect_uri"]
                || FakeOAuth.Challenge(form["code_verifier"].ToString()) != issued.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            Interlocked.Increment(ref _exchanges);
            account = issued.Account;
        }
        else if (form["grant_type"] == "refresh_token" && _refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner))
        {
            Interlocked.Increment(ref _refreshes);
            account = owner;
        }
        else
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var accessToken = FakeOAuth.Token();
        _accessTokens.Grant(accessToken, account);
        var answer = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 3600, ["scope"] = "user-read-recently-played" };
        if (form["grant_type"] == "authorization_code")
        {
            var refreshToken = FakeOAuth.Token();
            _refreshTokens[refreshToken] = account;
            answer["refresh_token"] = refreshToken;
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private async Task ApiAsync(HttpContext context, Func<FakeSpotifyAccount, JsonObject> answer)
    {
        var path = context.Request.Path + context.Request.QueryString;
        ApiRequests.Enqueue((DateTimeOffset.UtcNow, path, _accessTokens.TryAccountOf(context, out var caller) ? caller : ""));
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        if (_hold is { } hold && hold.TryHold(path, out var released))
        {
            await released.WaitAsync(context.RequestAborted);
        }

        if (_pathFaults.TryTake(path, out var fault) || _faults.TryDequeue(out fault))
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Malformed ? "{\"items\": [{\"played_at\": " : "{\"error\": {\"status\": " + fault.Status + "}}");
            return;
        }

        if (!_accessTokens.TryAccountOf(context, out var accountId) || !_accounts.TryGetValue(accountId, out var account))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { status = 401, message = "The access token expired" } });
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer(account).ToJsonString());
    }

    /// <summary>Spotify's offset paging object over <paramref name="all"/>: <c>limit</c> (at most <paramref name="maxLimit"/>), <c>offset</c>, and an absolute <c>next</c> link, null on the last page.</summary>
    private JsonObject Paged<T>(HttpContext context, IReadOnlyList<T> all, int maxLimit, Func<T, JsonObject> item)
    {
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? Math.Clamp(l, 1, maxLimit) : 20;
        var offset = int.TryParse(context.Request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        var path = context.Request.Path.ToString().TrimStart('/');
        return new JsonObject
        {
            ["href"] = $"{Address}{path}{context.Request.QueryString}",
            ["items"] = new JsonArray([.. all.Skip(offset).Take(limit).Select(value => (JsonNode)item(value))]),
            ["limit"] = limit,
            ["offset"] = offset,
            ["total"] = all.Count,
            ["next"] = offset + limit < all.Count ? $"{Address}{path}?offset={offset + limit}&limit={limit}" : null,
            ["previous"] = offset > 0 ? $"{Address}{path}?offset={Math.Max(0, offset - limit)}&limit={limit}" : null,
        };
    }

    private static JsonObject Track(string trackId, string name, string artist) => new()
    {
        ["id"] = trackId,
        ["type"] = "track",
        ["uri"] = $"spotify:track:{trackId}",
        ["name"] = name,
        ["duration_ms"] = 200_000,
        ["artists"] = new JsonArray(new JsonObject { ["name"] = artist }),
        ["album"] = new JsonObject { ["name"] = "Album of " + name },
        ["external_urls"] = new JsonObject { ["spotify"] = $"https://open.spotify.com/track/{trackId}" },
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject RecentlyPlayed(HttpContext context, FakeSpotifyAccount account)
    {
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? Math.Clamp(l, 1, 50) : 20;
        long? after = long.TryParse(context.Request.Query["after"], out var a) ? a : null;
        var plays = account.After(after, limit);
        var items = new JsonArray([.. plays.Select(play => (JsonNode)new JsonObject
        {
            ["track"] = Track(play.TrackId, play.Name, play.Artist),
            ["played_at"] = play.PlayedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["context"] = null,
        })]);
        return new JsonObject
        {
            ["items"] = items,
            ["next"] = null,
            ["cursors"] = plays.Count == 0 ? null : new JsonObject
            {
                ["after"] = plays[0].PlayedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["before"] = plays[^1].PlayedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            ["limit"] = limit,
            ["href"] = $"https://api.spotify.com/v1/me/player/recently-played{context.Request.QueryString}",
        };
    }

}
