namespace Datapunk.Streams;

/// <summary>
/// One provider application's settings, <c>Stream:Providers:{name}</c>: the OAuth client the operator
/// registered at the provider, its endpoints (defaults are the provider's documented ones; tests point
/// them at a local server), the schedule and the quota every user and silo shares.
/// </summary>
public sealed class ProviderSettings
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public Uri? AuthorizeEndpoint { get; set; }

    public Uri? TokenEndpoint { get; set; }

    /// <summary>The API's base address, ending in '/'.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>The callback address registered at the provider; by default the gateway's own <c>/api/v1/connections/callback</c>.</summary>
    public Uri? RedirectUri { get; set; }

    public string? Scopes { get; set; }

    /// <summary>
    /// Parameters the provider's authorize URL carries besides OAuth's own (Google's <c>access_type=offline</c>
    /// and <c>prompt=consent</c>, without which it gives no refresh token). Configured entries add to the
    /// provider's defaults or replace them by name; OAuth's own parameters cannot be replaced.
    /// </summary>
    public Dictionary<string, string>? AuthorizeParameters { get; set; }

    /// <summary>
    /// Whether a refresh-token grant names the scopes again: Microsoft's identity platform requires
    /// <c>scope</c> there; RFC 6749 §6 makes it optional, and Spotify refuses scopes a connection made
    /// before was never granted, so the others leave it out.
    /// </summary>
    public bool? RefreshWithScopes { get; set; }

    public TimeSpan? PollInterval { get; set; }

    /// <summary>Requests per <see cref="QuotaWindow"/> for the whole application: every user, every silo.</summary>
    public int? RequestsPerWindow { get; set; }

    /// <summary>Requests per <see cref="QuotaWindow"/> for one connection.</summary>
    public int? ConnectionRequestsPerWindow { get; set; }

    /// <summary>The window the quotas count over (a sliding window).</summary>
    public TimeSpan? QuotaWindow { get; set; }

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>How long a refused request waits at most for the quota before the poll gives up.</summary>
    public TimeSpan? QuotaWait { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret);
}
