using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Google's documented OAuth 2.0 and Calendar API v3 that Datapunk
/// uses: <c>/o/oauth2/v2/auth</c> (signs in as <see cref="SignedInAccount"/>; a refresh token is given only
/// to <c>access_type=offline</c>, and to an account that consented before only with <c>prompt=consent</c>),
/// <c>/token</c> (authorization_code with PKCE S256, refresh_token, which answers no new refresh token;
/// client id and secret by HTTP Basic), and under <c>/calendar/v3/</c>: <c>calendars/primary</c>,
/// <c>users/me/calendarList</c> (<c>minAccessRole</c>, <c>pageToken</c>/<c>nextPageToken</c>) and
/// <c>calendars/{id}/events</c> (<c>maxResults</c>, <c>pageToken</c>, the last page's <c>nextSyncToken</c>,
/// <c>syncToken</c> answering what changed since, cancelled events included; 410 Gone for an expired token).
/// Pages hold at most <see cref="PageSize"/> items, as Google may give fewer than <c>maxResults</c>.
/// Access tokens expire on demand (401), <see cref="FaultOn"/> answers one request with a status.
/// </summary>
public sealed class FakeGoogleCalendar : IAsyncDisposable
{
    public const string ClientSecret = "datapunk-google-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeGoogleCalendarAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Account, string Challenge, string RedirectUri, bool Offline)> _codes = new(StringComparer.Ordinal);
    private readonly FakeAccessTokens _accessTokens = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Calendar, long Since)> _syncTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Calendar, int Offset, long? Since, long Snapshot)> _pageTokens = new(StringComparer.Ordinal);
    private readonly PlannedFaults<int> _faults = new();
    private int _refreshes;

    private FakeGoogleCalendar(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>A client id of this server's own, so its quota (keyed by client id) is shared with no other test's.</summary>
    public string ClientId { get; } = "datapunk-gcal-" + Guid.NewGuid().ToString("N")[..12] + ".apps.googleusercontent.com";

    public Uri AuthorizeEndpoint => new(Address, "o/oauth2/v2/auth");

    public Uri ApiBase => new(Address, "calendar/v3/");

    public string? SignedInAccount { get; set; }

    /// <summary>The most items one page holds, whatever <c>maxResults</c> asks.</summary>
    public int PageSize { get; set; } = 250;

    public int Refreshes => _refreshes;

    /// <summary>API requests (not token requests): path and query, as they arrived.</summary>
    public ConcurrentQueue<string> ApiRequests { get; } = new();

    public Dictionary<string, string> Settings(string prefix = "Stream:Providers:google-calendar:") => new()
    {
        [prefix + "ClientId"] = ClientId,
        [prefix + "ClientSecret"] = ClientSecret,
        [prefix + "AuthorizeEndpoint"] = AuthorizeEndpoint.ToString(),
        [prefix + "TokenEndpoint"] = new Uri(Address, "token").ToString(),
        [prefix + "ApiBase"] = ApiBase.ToString(),
    };

    public static async Task<FakeGoogleCalendar> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGoogleCalendar(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapGet("/o/oauth2/v2/auth", fake.Authorize);
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
        app.MapGet("/calendar/v3/calendars/primary", context => fake.ApiAsync(context, account => new JsonObject
        {
            ["kind"] = "calendar#calendar",
            ["id"] = account.Email,
            ["summary"] = account.DisplayName,
            ["timeZone"] = "Europe/Berlin",
        }));
        app.MapGet("/calendar/v3/users/me/calendarList", context => fake.ApiAsync(context, account => fake.CalendarList(context, account)));
        app.MapGet("/calendar/v3/calendars/{calendarId}/events", context => fake.ApiAsync(context, account => fake.Events(context, account)));
        await app.StartAsync();
        return fake;
    }

    public FakeGoogleCalendarAccount AddAccount(string email, string displayName) => _accounts.GetOrAdd(email, _ => new FakeGoogleCalendarAccount(email, displayName));

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens()
    {
        _accessTokens.ExpireAll();
    }

    /// <summary>Every sync token issued so far answers 410 Gone from now on, as Google's do after a while.</summary>
    public void ExpireSyncTokens() => _syncTokens.Clear();

    /// <summary>The next API request whose path and query contain <paramref name="pathPart"/> is answered with <paramref name="status"/>.</summary>
    public void FaultOn(string pathPart, int status) => _faults.Plan(pathPart, status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["scope"]))
        {
            return Results.BadRequest("invalid authorize request");
        }

        var redirect = query["redirect_uri"].ToString();
        var state = Uri.EscapeDataString(query["state"].ToString());
        if (SignedInAccount is not { } email || !_accounts.TryGetValue(email, out var account))
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={state}");
        }

        // Google's rule: offline access gives a refresh token on the first consent, and later only when consent is asked again.
        var offline = query["access_type"] == "offline" && (!account.Consented || query["prompt"] == "consent");
        account.Consented = true;
        var code = FakeOAuth.Token();
        _codes[code] = (email, query["code_challenge"].ToString(), redirect, offline);
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var form = await context.Request.ReadFormAsync();
        var accessToken = FakeOAuth.Token();
        var answer = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 3599, ["scope"] = "https://www.googleapis.com/auth/calendar.readonly" };
        if (form["grant_type"] == "authorization_code" && _codes.TryRemove(form["code"].ToString(), out var issued)
            && issued.RedirectUri == form["redirect_uri"] && FakeOAuth.Challenge(form["code_verifier"].ToString()) == issued.Challenge)
        {
            _accessTokens.Grant(accessToken, issued.Account);
            if (issued.Offline)
            {
                var refreshToken = "1//" + FakeOAuth.Token();
                _refreshTokens[refreshToken] = issued.Account;
                answer["refresh_token"] = refreshToken;
            }
        }
        else if (form["grant_type"] == "refresh_token" && _refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner))
        {
            Interlocked.Increment(ref _refreshes);
            _accessTokens.Grant(accessToken, owner);
        }
        else
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private async Task ApiAsync(HttpContext context, Func<FakeGoogleCalendarAccount, JsonObject?> answer)
    {
        var path = context.Request.Path + context.Request.QueryString;
        ApiRequests.Enqueue(path);
        if (!_accessTokens.TryAccountOf(context, out var accountId) || !_accounts.TryGetValue(accountId, out var account))
        {
            await ErrorAsync(context, 401, "authError", "Invalid Credentials");
            return;
        }

        if (_faults.TryTake(path, out var status))
        {
            await ErrorAsync(context, status, "planned", "A planned fault.");
            return;
        }

        if (answer(account) is not { } body)
        {
            await ErrorAsync(context, 410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private JsonObject CalendarList(HttpContext context, FakeGoogleCalendarAccount account)
    {
        var readable = account.Calendars.Where(c => context.Request.Query["minAccessRole"] != "reader" || c.AccessRole != "freeBusyReader").ToList();
        var offset = int.TryParse(context.Request.Query["pageToken"], out var o) ? o : 0;
        var size = Math.Min(PageSize, 250);
        return new JsonObject
        {
            ["kind"] = "calendar#calendarList",
            ["items"] = new JsonArray([.. readable.Skip(offset).Take(size).Select(c => (JsonNode)new JsonObject
            {
                ["kind"] = "calendar#calendarListEntry",
                ["id"] = c.Id,
                ["summary"] = c.Summary,
                ["timeZone"] = c.TimeZone,
                ["accessRole"] = c.AccessRole,
                ["primary"] = c.Id == account.Email ? true : null,
            })]),
            ["nextPageToken"] = offset + size < readable.Count ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>A page of events, or null for an expired sync token (410).</summary>
    private JsonObject? Events(HttpContext context, FakeGoogleCalendarAccount account)
    {
        var calendarId = (string)context.Request.RouteValues["calendarId"]!;
        var query = context.Request.Query;
        (string Calendar, int Offset, long? Since, long Snapshot) position;
        if (!string.IsNullOrEmpty(query["pageToken"]))
        {
            position = _pageTokens.TryGetValue(query["pageToken"].ToString(), out var known) && known.Calendar == calendarId
                ? known
                : throw new BadHttpRequestException("unknown pageToken");
        }
        else if (!string.IsNullOrEmpty(query["syncToken"]))
        {
            if (!_syncTokens.TryGetValue(query["syncToken"].ToString(), out var sync) || sync.Calendar != calendarId)
            {
                return null;
            }

            position = (calendarId, 0, sync.Since, account.Sequence);
        }
        else
        {
            position = (calendarId, 0, null, account.Sequence);
        }

        var size = Math.Min(PageSize, int.TryParse(query["maxResults"], out var max) ? max : 250);
        var events = account.Events(calendarId, position.Since);
        var page = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["summary"] = calendarId,
            ["items"] = new JsonArray([.. events.Skip(position.Offset).Take(size)]),
        };
        if (position.Offset + size < events.Count)
        {
            var next = FakeOAuth.Token();
            _pageTokens[next] = position with { Offset = position.Offset + size };
            page["nextPageToken"] = next;
        }
        else
        {
            var sync = FakeOAuth.Token();
            _syncTokens[sync] = (calendarId, position.Snapshot);
            page["nextSyncToken"] = sync;
        }

        return page;
    }

    private static Task ErrorAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { errors = new[] { new { domain = "global", reason, message } }, code = status, message } });
    }

}
