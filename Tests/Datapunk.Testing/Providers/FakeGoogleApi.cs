using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// What the fake Google APIs share: Google's OAuth server (<see cref="FakeGoogleOAuth"/>), accounts by
/// e-mail address, the settings that point a provider here, the API requests as they arrived, and the
/// way an API request is answered (401 for an expired access token, a planned fault, Google's error body).
/// </summary>
public abstract class FakeGoogleApi<TAccount> : IAsyncDisposable where TAccount : class
{
    private readonly WebApplication _app;
    private readonly PlannedFaults<(int Status, TimeSpan? RetryAfter)> _faults = new();
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

    /// <summary>API requests (not token requests): path and query, as they arrived.</summary>
    public ConcurrentQueue<string> ApiRequests { get; } = new();

    private protected ConcurrentDictionary<string, TAccount> Accounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Settings() =>
        FakeProviderServer.Settings($"Stream:Providers:{_providerName}:", ClientId, FakeGoogleOAuth.ClientSecret, AuthorizeEndpoint, new Uri(Address, "token"), ApiBase);

    /// <summary>Every access token issued so far answers 401 from now on (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens() => _oauth.ExpireAccessTokens();

    /// <summary>The next API request whose path and query contain <paramref name="pathPart"/> is answered with <paramref name="status"/> (and Retry-After).</summary>
    public void FaultOn(string pathPart, int status, TimeSpan? retryAfter = null) => _faults.Plan(pathPart, (status, retryAfter));

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

            await FakeGoogleOAuth.ErrorAsync(context, fault.Status, "planned", "A planned fault.");
            return;
        }

        if (answer(account) is not { } body)
        {
            await FakeGoogleOAuth.ErrorAsync(context, missing.Status, missing.Reason, missing.Message);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
