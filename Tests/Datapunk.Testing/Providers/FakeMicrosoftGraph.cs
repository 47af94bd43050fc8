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
/// request with a status (and Retry-After) or a 200 with a body of the test's. <c>subscriptions</c> (POST, PATCH,
/// DELETE) keeps change-notification subscriptions as Graph does: an expiry past <see cref="MaxLifetime"/> is refused,
/// and a new one is created only once its notification URL answered the validation request (POST with
/// <c>validationToken</c>, the token back as text/plain within 10 s); <see cref="NotifyAsync"/> sends a notification.
/// </summary>
public sealed class FakeMicrosoftGraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeMicrosoftIdentity _identity;
    private readonly PlannedFaults<(int Status, TimeSpan? RetryAfter, string? Body)> _faults = new();
    private readonly ConcurrentDictionary<string, FakeMicrosoftAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Collection, IReadOnlyList<JsonObject> Entries, int Offset, long Snapshot, string? Window)> _skipTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Collection, long Since, string? Window)> _deltaTokens = new(StringComparer.Ordinal);

    private readonly HttpClient _notifier = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Graph's documented maximum for Outlook events and messages: 10,080 minutes.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10_080);

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

    /// <summary>API requests with the account that made them: account and path and query.</summary>
    public ConcurrentQueue<(string Account, string Path)> AccountRequests { get; } = new();

    /// <summary>The subscriptions that exist, by id.</summary>
    public ConcurrentDictionary<string, FakeGraphSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>The ids of subscriptions deleted, in order.</summary>
    public ConcurrentQueue<string> DeletedSubscriptions { get; } = new();

    /// <summary>Renewals (PATCH) answered, by subscription id.</summary>
    public ConcurrentDictionary<string, int> Renewals { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, subscriptions (created or renewed) are granted at most this long, as Graph may grant less than asked.</summary>
    public TimeSpan? GrantedLifetime { get; set; }

    /// <summary>Sends a notification of <paramref name="subscription"/> (with <paramref name="clientState"/> instead of its own, when given) to its URL; the status the receiver answered.</summary>
    public async Task<System.Net.HttpStatusCode> NotifyAsync(FakeGraphSubscription subscription, string? clientState, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = subscription.Id,
                ["subscriptionExpirationDateTime"] = subscription.Expires.ToString("O", CultureInfo.InvariantCulture),
                ["changeType"] = "created",
                ["resource"] = $"Users/{subscription.Account}/Messages/{Guid.NewGuid():N}",
                ["clientState"] = clientState ?? subscription.ClientState,
                ["tenantId"] = Guid.Empty.ToString(),
            }),
        };
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var answer = await _notifier.PostAsync(subscription.NotificationUrl, content, cancellationToken);
        return answer.StatusCode;
    }

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
        app.MapPost("/v1.0/subscriptions", fake.SubscribeAsync);
        app.MapMethods("/v1.0/subscriptions/{id}", ["PATCH"], fake.RenewAsync);
        app.MapDelete("/v1.0/subscriptions/{id}", context => fake.ApiAsync(context, account =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            if (!fake.Subscriptions.TryGetValue(id, out var kept) || kept.Account != account.UserPrincipalName || !fake.Subscriptions.TryRemove(id, out _))
            {
                return NotFound();
            }

            fake.DeletedSubscriptions.Enqueue(id);
            return Results.NoContent();
        }));
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
        _notifier.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task ApiAsync(HttpContext context, Func<FakeMicrosoftAccount, IResult> answer) =>
        ApiAnswerAsync(context, account => Task.FromResult(answer(account)));

    private async Task ApiAnswerAsync(HttpContext context, Func<FakeMicrosoftAccount, Task<IResult>> answer)
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

        AccountRequests.Enqueue((account.UserPrincipalName, path));
        await (await answer(account)).ExecuteAsync(context);
    }

    private Task SubscribeAsync(HttpContext context) => ApiAnswerAsync(context, account => SubscribeAsync(context, account));

    private Task RenewAsync(HttpContext context) => ApiAnswerAsync(context, account => RenewAsync(context, account));

    private async Task<IResult> SubscribeAsync(HttpContext context, FakeMicrosoftAccount account)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        var (resource, changeType, url, clientState) = (Text(body, "resource"), Text(body, "changeType"), Text(body, "notificationUrl"), Text(body, "clientState"));
        if (resource is null || changeType is null || !Uri.TryCreate(url, UriKind.Absolute, out var notificationUrl) || clientState is not { Length: <= 128 })
        {
            return Error(400, "InvalidRequest", "resource, changeType, notificationUrl and clientState (at most 128 characters) are required.");
        }

        if (Granted(body) is not { } expires)
        {
            return Error(400, "InvalidRequest", "Subscription expiration can only be 10070 minutes in the future.");
        }

        var token = $"Validation: Testing client application reachability {Guid.NewGuid():N}";
        var validation = new UriBuilder(notificationUrl) { Query = "validationToken=" + Uri.EscapeDataString(token) }.Uri;
        try
        {
            using var answer = await _notifier.PostAsync(validation, null, context.RequestAborted);
            var echoed = await answer.Content.ReadAsStringAsync(context.RequestAborted);
            if (!answer.IsSuccessStatusCode || echoed != token || answer.Content.Headers.ContentType?.MediaType != "text/plain")
            {
                return Error(400, "ValidationError", $"Subscription validation request failed. Response must exactly match validationToken query parameter ({(int)answer.StatusCode}).");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return Error(400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
        }

        var subscription = new FakeGraphSubscription(Guid.NewGuid().ToString(), account.UserPrincipalName, resource, changeType, notificationUrl, clientState) { Expires = expires };
        Subscriptions[subscription.Id] = subscription;
        return Results.Text(Json(subscription).ToJsonString(), "application/json", statusCode: 201);
    }

    private async Task<IResult> RenewAsync(HttpContext context, FakeMicrosoftAccount account)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!Subscriptions.TryGetValue(id, out var subscription) || subscription.Account != account.UserPrincipalName)
        {
            return NotFound();
        }

        if (Granted(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject) is not { } expires)
        {
            return Error(400, "InvalidRequest", "Subscription expiration can only be 10070 minutes in the future.");
        }

        subscription.Expires = expires;
        Renewals.AddOrUpdate(id, 1, (_, count) => count + 1);
        return Json(Json(subscription));
    }

    /// <summary>The expiry granted for the one <paramref name="body"/> asks for; null when it is missing, past, or beyond Graph's maximum.</summary>
    private DateTimeOffset? Granted(JsonObject? body)
    {
        var now = DateTimeOffset.UtcNow;
        if (!DateTimeOffset.TryParse(Text(body, "expirationDateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var asked)
            || asked <= now || asked > now + MaxLifetime)
        {
            return null;
        }

        return GrantedLifetime is { } granted && asked > now + granted ? now + granted : asked;
    }

    private static JsonObject Json(FakeGraphSubscription subscription) => new()
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
        ["id"] = subscription.Id,
        ["resource"] = subscription.Resource,
        ["changeType"] = subscription.ChangeType,
        ["notificationUrl"] = subscription.NotificationUrl.ToString(),
        ["expirationDateTime"] = subscription.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["clientState"] = null,
    };

    private static string? Text(JsonObject? body, string name) => body?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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
