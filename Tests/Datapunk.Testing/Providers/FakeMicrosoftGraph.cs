using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Microsoft's identity platform and Graph v1.0 that Datapunk uses:
/// the v2.0 authorize and token endpoints (<see cref="FakeMicrosoftIdentity"/>), and under <c>/v1.0/</c>:
/// <c>me</c>, <c>me/calendarView/delta</c> (<c>startDateTime</c>/<c>endDateTime</c> required on the first
/// request, events overlapping the window), <c>me/events/{id}</c>, <c>me/mailFolders/{folder}/messages/delta</c>
/// (well-known folder names; 404 for one the mailbox lacks) and <c>me/messages/{id}/$value</c> (the MIME; 404
/// once deleted). Delta rounds page by <c>Prefer: odata.maxpagesize</c> (10 without, never more than
/// <see cref="PageSize"/>) with absolute <c>@odata.nextLink</c>s (<c>$skiptoken</c>), and end with an
/// <c>@odata.deltaLink</c> (<c>$deltatoken</c>) that answers what changed since, <c>@removed</c> entries
/// included, or 410 Gone once expired (<see cref="ExpireDeltaTokens"/>). Errors have Graph's shape
/// (<c>{"error": {"code", "message"}}</c>); access tokens expire on demand (401); planned faults answer one
/// request with a status (and Retry-After) or a 200 with a body of the test's.
/// </summary>
public sealed class FakeMicrosoftGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeMicrosoftIdentity _identity;
    private readonly PlannedFaults<(int Status, TimeSpan? RetryAfter, string? Body)> _faults = new();
    private readonly ConcurrentDictionary<string, FakeMicrosoftAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Collection, IReadOnlyList<JsonObject> Entries, int Offset, long Snapshot, string? Window)> _skipTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Collection, long Since, string? Window)> _deltaTokens = new(StringComparer.Ordinal);

    private FakeMicrosoftGraph()
    {
        _app = FakeProviderServer.Build(out var address);
        Address = address;
        ClientId = Guid.NewGuid().ToString();
        _identity = new FakeMicrosoftIdentity(ClientId, _accounts.ContainsKey);
        _identity.Map(_app);
    }

    public Uri Address { get; }

    /// <summary>An application (client) id of this server's own, so its quota is shared with no other test's.</summary>
    public string ClientId { get; }

    public Uri ApiBase => new(Address, "v1.0/");

    /// <summary>The most entries a page holds, whatever the request prefers.</summary>
    public int PageSize { get; set; } = 100;

    public string? SignedInAccount
    {
        get => _identity.SignedInAccount;
        set => _identity.SignedInAccount = value;
    }

    public int Refreshes => _identity.Refreshes;

    /// <summary>API requests (not token requests): path and query, as they arrived.</summary>
    public ConcurrentQueue<string> ApiRequests { get; } = new();

    /// <summary>The <c>Prefer</c> header of each API request, in order (empty when it had none).</summary>
    public ConcurrentQueue<string> Prefers { get; } = new();

    public static async Task<FakeMicrosoftGraph> StartAsync()
    {
        var fake = new FakeMicrosoftGraph();
        var app = fake._app;
        app.MapGet("/v1.0/me", context => fake.ApiAsync(context, account => Json(new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
            ["id"] = account.Id,
            ["userPrincipalName"] = account.UserPrincipalName,
            ["mail"] = null,
            ["displayName"] = account.DisplayName,
        })));
        app.MapGet("/v1.0/me/calendarView/delta", context => fake.ApiAsync(context, account => fake.Delta(context, account, FakeMicrosoftAccount.Calendar, "syncStateNotFound")));
        app.MapGet("/v1.0/me/events/{id}", context => fake.ApiAsync(context, account =>
            account.Event((string)context.Request.RouteValues["id"]!) is { } resource ? Json(resource) : NotFound()));
        app.MapGet("/v1.0/me/mailFolders/{folder}/messages/delta", context => fake.ApiAsync(context, account =>
            account.HasFolder((string)context.Request.RouteValues["folder"]!)
                ? fake.Delta(context, account, FakeMicrosoftAccount.MailCollection((string)context.Request.RouteValues["folder"]!), "resyncRequired")
                : NotFound()));
        app.MapGet("/v1.0/me/messages/{id}/$value", context => fake.ApiAsync(context, account =>
            account.Mime((string)context.Request.RouteValues["id"]!) is { } mime ? Results.Text(mime, "text/plain") : NotFound()));
        await app.StartAsync();
        return fake;
    }

    public FakeMicrosoftAccount AddAccount(string userPrincipalName, string displayName) =>
        _accounts.GetOrAdd(userPrincipalName, _ => new FakeMicrosoftAccount(userPrincipalName, displayName));

    public Dictionary<string, string> Settings() => FakeProviderServer.Settings(
        "Stream:Providers:microsoft:", ClientId, FakeMicrosoftIdentity.ClientSecret,
        new Uri(Address, "common/oauth2/v2.0/authorize"), new Uri(Address, "common/oauth2/v2.0/token"), ApiBase);

    public void ExpireAccessTokens() => _identity.ExpireAccessTokens();

    /// <summary>Every delta link issued so far answers 410 Gone from now on, as Graph's do once their sync state is gone.</summary>
    public void ExpireDeltaTokens() => _deltaTokens.Clear();

    /// <summary>The next API request whose path and query contain <paramref name="pathPart"/> is answered with <paramref name="status"/> (and Retry-After).</summary>
    public void FaultOn(string pathPart, int status, TimeSpan? retryAfter = null) => _faults.Plan(pathPart, (status, retryAfter, null));

    /// <summary>The next API request whose path and query contain <paramref name="pathPart"/> is answered 200 with <paramref name="body"/> as JSON.</summary>
    public void MalformOn(string pathPart, string body) => _faults.Plan(pathPart, (200, null, body));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ApiAsync(HttpContext context, Func<FakeMicrosoftAccount, IResult> answer)
    {
        var path = context.Request.Path + context.Request.QueryString;
        ApiRequests.Enqueue(path);
        Prefers.Enqueue(context.Request.Headers["Prefer"].ToString());
        if (!_identity.TryAccountOf(context, out var accountId) || !_accounts.TryGetValue(accountId, out var account))
        {
            await Error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.").ExecuteAsync(context);
            return;
        }

        if (_faults.TryTake(path, out var fault))
        {
            if (fault.Body is { } body)
            {
                await Results.Text(body, "application/json").ExecuteAsync(context);
                return;
            }

            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await Error(fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "A planned fault.").ExecuteAsync(context);
            return;
        }

        await answer(account).ExecuteAsync(context);
    }

    /// <summary>A page of a delta round over <paramref name="collection"/>: the first, a <c>$skiptoken</c>'s or a <c>$deltatoken</c>'s.</summary>
    private IResult Delta(HttpContext context, FakeMicrosoftAccount account, string collection, string goneCode)
    {
        var query = context.Request.Query;
        (string Collection, IReadOnlyList<JsonObject> Entries, int Offset, long Snapshot, string? Window) position;
        if (!string.IsNullOrEmpty(query["$skiptoken"]))
        {
            if (!_skipTokens.TryGetValue(query["$skiptoken"].ToString(), out position) || position.Collection != collection)
            {
                return Error(400, "ErrorInvalidParameter", "The $skiptoken is not valid.");
            }
        }
        else if (!string.IsNullOrEmpty(query["$deltatoken"]))
        {
            if (!_deltaTokens.TryGetValue(query["$deltatoken"].ToString(), out var kept) || kept.Collection != collection)
            {
                return Error(410, goneCode, "The sync state generation is no longer available; a full synchronization is required.");
            }

            position = (collection, InWindow(account.Changes(collection, kept.Since), kept.Window), 0, account.Sequence, kept.Window);
        }
        else
        {
            string? window = null;
            if (collection == FakeMicrosoftAccount.Calendar)
            {
                if (!DateTimeOffset.TryParse(query["startDateTime"], CultureInfo.InvariantCulture, out _) || !DateTimeOffset.TryParse(query["endDateTime"], CultureInfo.InvariantCulture, out _))
                {
                    return Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                }

                window = $"{query["startDateTime"]}|{query["endDateTime"]}";
            }

            position = (collection, InWindow(account.Changes(collection, null), window), 0, account.Sequence, window);
        }

        var prefer = context.Request.Headers["Prefer"].ToString();
        var size = Math.Min(PageSize, prefer.StartsWith("odata.maxpagesize=", StringComparison.Ordinal) && int.TryParse(prefer["odata.maxpagesize=".Length..], out var preferred) ? preferred : 10);
        var page = new JsonObject { ["value"] = new JsonArray([.. position.Entries.Skip(position.Offset).Take(size)]) };
        var link = ApiBase + context.Request.Path.Value!["/v1.0/".Length..];
        if (position.Offset + size < position.Entries.Count)
        {
            var token = FakeOAuth.Token();
            _skipTokens[token] = position with { Offset = position.Offset + size };
            page["@odata.nextLink"] = $"{link}?$skiptoken={token}";
        }
        else
        {
            var token = FakeOAuth.Token();
            _deltaTokens[token] = (collection, position.Snapshot, position.Window);
            page["@odata.deltaLink"] = $"{link}?$deltatoken={token}";
        }

        return Json(page);
    }

    /// <summary>The entries of a calendar view's window (events overlapping it, removed ones all); every entry when there is no window.</summary>
    private static IReadOnlyList<JsonObject> InWindow(IReadOnlyList<JsonObject> entries, string? window)
    {
        if (window is null)
        {
            return [.. entries.Select(e => (JsonObject)e.DeepClone())];
        }

        var bounds = window.Split('|');
        var (start, end) = (DateTimeOffset.Parse(bounds[0], CultureInfo.InvariantCulture), DateTimeOffset.Parse(bounds[1], CultureInfo.InvariantCulture));
        return [.. entries.Where(e => e.ContainsKey("@removed")
            || (Utc(e["start"]!["dateTime"]!.GetValue<string>()) < end && Utc(e["end"]!["dateTime"]!.GetValue<string>()) > start))];
    }

    private static DateTimeOffset Utc(string wall) => DateTimeOffset.Parse(wall, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult NotFound() => Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(), "application/json", statusCode: status);
}
