using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// What the fake Google APIs share: Google's OAuth server (<see cref="FakeGoogleOAuth"/>), accounts by
/// e-mail address, the settings that point a provider here, the API requests as they arrived, and the
/// way an API request is answered (401 for an expired access token, a planned fault, Google's error body,
/// 304 to a request whose If-None-Match is the answer's <c>etag</c>).
/// </summary>
public abstract class FakeGoogleApi<TAccount> : IAsyncDisposable where TAccount : class
{
    private readonly WebApplication _app;
    private readonly PlannedFaults<(int Status, TimeSpan? RetryAfter, string Reason)> _faults = new();
    private readonly ConcurrentDictionary<string, (IReadOnlyList<JsonNode> Entries, int Offset)> _pageTokens = new(StringComparer.Ordinal);
    private readonly FakeGoogleOAuth _oauth;
    private readonly string _providerName;
    private readonly string _apiPath;

    /// <summary>A server for <paramref name="providerName"/>'s API under <paramref name="apiPath"/> (<c>gmail/v1/</c>), granting <paramref name="scope"/>.</summary>
    private protected FakeGoogleApi(string providerName, string apiPath, string scope)
    {
        (_providerName, _apiPath) = (providerName, apiPath);
        _app = FakeProviderServer.Build(out var address);
        Address = address;
        ClientId = $"datapunk-{providerName}-{Guid.NewGuid().ToString("N")[..12]}.apps.googleusercontent.com";
        _oauth = new FakeGoogleOAuth(ClientId, scope, Accounts.ContainsKey);
        _oauth.Map(_app);
    }

    public Uri Address { get; }

    /// <summary>A client id of this server's own, so its quota (keyed by client id) is shared with no other test's.</summary>
    public string ClientId { get; }

    public Uri AuthorizeEndpoint => new(Address, "o/oauth2/v2/auth");

    public Uri ApiBase => new(Address, _apiPath);

    public string? SignedInAccount
    {
        get => _oauth.SignedInAccount;
        set => _oauth.SignedInAccount = value;
    }

    public int Refreshes => _oauth.Refreshes;

    /// <summary>The most entries one page holds, whatever <c>maxResults</c> asks (Google may give fewer than asked).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>API requests (not token requests): path and query, as they arrived.</summary>
    public ConcurrentQueue<string> ApiRequests { get; } = new();

    private protected ConcurrentDictionary<string, TAccount> Accounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Settings() =>
        FakeProviderServer.Settings($"Stream:Providers:{_providerName}:", ClientId, FakeGoogleOAuth.ClientSecret, AuthorizeEndpoint, new Uri(Address, "token"), ApiBase);

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens() => _oauth.ExpireAccessTokens();

    /// <summary>
    /// The next API request whose path and query contain <paramref name="pathPart"/> is answered with <paramref name="status"/>
    /// (and Retry-After), Google's error body giving <paramref name="reason"/> (<c>quotaExceeded</c>, <c>insufficientPermissions</c>…).
    /// </summary>
    public void FaultOn(string pathPart, int status, TimeSpan? retryAfter = null, string reason = "planned") => _faults.Plan(pathPart, (status, retryAfter, reason));

    /// <summary>Forgets every page token handed out, as Google stops taking old ones: a request with one is a 400.</summary>
    public void ForgetPageTokens() => _pageTokens.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Maps the API's routes (<paramref name="map"/>, paths under <c>/</c>) and starts listening.</summary>
    private protected Task StartAsync(Action<WebApplication> map)
    {
        map(_app);
        return _app.StartAsync();
    }

    /// <summary>
    /// Answers an API request for the bearer's account with <paramref name="answer"/>'s JSON, or with the
    /// error status <paramref name="missing"/> (Calendar's 410 for an expired sync token, Gmail's 404) when it gives null.
    /// </summary>
    private protected async Task ApiAsync(HttpContext context, Func<TAccount, JsonObject?> answer, (int Status, string Reason, string Message) missing)
    {
        var path = context.Request.Path + context.Request.QueryString;
        ApiRequests.Enqueue(path);
        if (!_oauth.TryAccountOf(context, out var accountId) || !Accounts.TryGetValue(accountId, out var account))
        {
            await FakeGoogleOAuth.ErrorAsync(context, 401, "authError", "Invalid Credentials");
            return;
        }

        if (_faults.TryTake(path, out var fault))
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await FakeGoogleOAuth.ErrorAsync(context, fault.Status, fault.Reason, "A planned fault.");
            return;
        }

        if (answer(account) is not { } body)
        {
            await FakeGoogleOAuth.ErrorAsync(context, missing.Status, missing.Reason, missing.Message);
            return;
        }

        if (body["etag"] is JsonValue etag && etag.ToString() == context.Request.Headers.IfNoneMatch.ToString())
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>
    /// The page of <paramref name="entries"/> the request asks for (<c>maxResults</c>, at most <see cref="PageSize"/>):
    /// its <c>pageToken</c> names a page of the list as it was when the first page was read, as Google's tokens do
    /// (an unknown one is a 400). Gmail leaves out an empty array (<paramref name="emptyField"/> false), YouTube does not.
    /// </summary>
    private protected JsonObject Page(HttpContext context, IReadOnlyList<JsonNode> entries, string field, bool emptyField)
    {
        var query = context.Request.Query;
        var offset = 0;
        if (!string.IsNullOrEmpty(query["pageToken"]))
        {
            (entries, offset) = _pageTokens.TryGetValue(query["pageToken"].ToString(), out var known) ? known : throw new BadHttpRequestException("unknown pageToken");
        }

        var size = Math.Min(PageSize, int.TryParse(query["maxResults"], out var max) ? max : 100);
        var page = new JsonObject();
        if (offset < entries.Count || emptyField)
        {
            page[field] = new JsonArray([.. entries.Skip(offset).Take(size).Select(entry => entry.DeepClone())]);
        }

        if (offset + size < entries.Count)
        {
            var next = FakeOAuth.Token();
            _pageTokens[next] = (entries, offset + size);
            page["nextPageToken"] = next;
        }

        return page;
    }
}
