using Datapunk.Streams.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.OAuth;

/// <summary>
/// The authorization-code flow with PKCE (RFC 6749 §4.1, RFC 7636 S256) that connects an account:
/// <see cref="BeginAsync"/> keeps a single-use, expiring state and returns the provider's authorize
/// URL; <see cref="CompleteAsync"/> consumes the state, exchanges the code, asks the provider whose
/// account it is, and stores the tokens (encrypted) and the connection.
/// </summary>
public sealed class ConnectionAuthorizer(
    StreamProviders providers, PendingAuthorizations pending, TokenEndpointClient tokenEndpoint, ConnectionTokenStore tokens,
    ConnectionsTable connections, ProviderClients clients)
{
    /// <summary>The URL to send the user to; <see cref="UnknownProviderException"/> for a provider not configured here.</summary>
    public async Task<Uri> BeginAsync(string userId, string provider, Uri defaultRedirectUri, CancellationToken cancellationToken)
    {
        var setup = SetupOf(provider);
        var (state, verifier) = await pending.BeginAsync(userId, provider, cancellationToken);
        // The provider's own parameters first, so OAuth's below always win: no setting can replace the state or the challenge.
        var query = setup.AuthorizeParameters.ToDictionary(parameter => parameter.Key, parameter => (string?)parameter.Value, StringComparer.Ordinal);
        query["response_type"] = "code";
        query["client_id"] = setup.ClientId;
        query["redirect_uri"] = (setup.RedirectUri ?? defaultRedirectUri).ToString();
        query["scope"] = setup.Scopes;
        query["state"] = state;
        query["code_challenge_method"] = "S256";
        query["code_challenge"] = Pkce.ChallengeOf(verifier);
        return new Uri(QueryHelpers.AddQueryString(setup.AuthorizeEndpoint.ToString(), query));
    }

    /// <summary>
    /// Completes the authorization <paramref name="state"/> names and returns the new connection.
    /// <see cref="AuthorizationRefusedException"/> when the state is unknown, used or expired, the
    /// provider reported an error, or refused the code; nothing is stored then.
    /// </summary>
    public async Task<ConnectionRow> CompleteAsync(string? state, string? code, string? error, Uri defaultRedirectUri, CancellationToken cancellationToken)
    {
        var authorization = await pending.ConsumeAsync(state, cancellationToken);
        if (error is not null || string.IsNullOrEmpty(code))
        {
            throw new AuthorizationRefusedException($"The provider did not authorize the connection: {error ?? "no code was given"}.");
        }

        var setup = SetupOf(authorization.Provider);
        OAuthTokens granted;
        try
        {
            granted = await tokenEndpoint.ExchangeCodeAsync(setup, code, authorization.Verifier, setup.RedirectUri ?? defaultRedirectUri, cancellationToken);
        }
        catch (TokenRefusedException exception)
        {
            throw new AuthorizationRefusedException(exception.Message, exception);
        }

        // The account is not known yet: the user's own window stands in for the connection's.
        var current = granted;
        var client = clients.Create(setup, new ConnectionKey(authorization.UserId, setup.Name, "(connecting)"), granted, (refreshed, _) =>
        {
            current = refreshed;
            return Task.CompletedTask;
        });
        ProviderAccount account;
        try
        {
            account = await setup.Provider.GetAccountAsync(client, cancellationToken);
        }
        catch (AccessNotGrantedException exception)
        {
            throw new AuthorizationRefusedException(exception.Message, exception);
        }

        var key = new ConnectionKey(authorization.UserId, setup.Name, account.Id);
        await tokens.SaveAsync(key, current, cancellationToken);
        return await connections.ConnectAsync(key, account.DisplayName, cancellationToken);
    }

    private ProviderSetup SetupOf(string provider) =>
        providers.Find(provider) ?? throw new UnknownProviderException(
            $"'{provider}' is not a provider this installation is configured for (Stream:Providers); configured: {(providers.Names.Count == 0 ? "none" : string.Join(", ", providers.Names))}.");
}
