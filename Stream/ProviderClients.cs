using Datapunk.Streams.Connections;
using Datapunk.Streams.Limits;
using Datapunk.Streams.OAuth;

namespace Datapunk.Streams;

/// <summary>Makes the <see cref="ProviderClient"/> of one connection (or of an account being connected), with its quota windows.</summary>
public sealed class ProviderClients(
    IHttpClientFactory httpClients, ProviderResilience resilience, ProviderQuota quota, TokenEndpointClient tokenEndpoint, TimeProvider time)
{
    public const string HttpClientName = "stream-api";

    /// <summary>
    /// A client for <paramref name="key"/>'s requests: the application's window (one per provider and
    /// client id) and the connection's (per user and account; while an account is being connected, the
    /// user's).
    /// </summary>
    public ProviderClient Create(ProviderSetup setup, ConnectionKey key, OAuthTokens tokens, Func<OAuthTokens, CancellationToken, Task> save)
    {
        QuotaWindow[] windows =
        [
            new($"dp:quota:{setup.Name}:{setup.ClientId}", setup.RequestsPerWindow, setup.QuotaWindow),
            new($"dp:quota:{setup.Name}:{setup.ClientId}:{key.GrainKey}", setup.ConnectionRequestsPerWindow, setup.QuotaWindow),
        ];
        var source = new ConnectionTokenSource(setup, tokens, tokenEndpoint, save, time);
        return new ProviderClient(setup, httpClients.CreateClient(HttpClientName), resilience, quota, windows, source, key);
    }
}
