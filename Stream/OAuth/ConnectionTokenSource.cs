namespace Datapunk.Streams.OAuth;

/// <summary>
/// The access token one poll sends: refreshed when it is about to expire and when the provider answers
/// 401 (<see cref="RefreshAsync"/>), each refresh saved where the tokens are kept.
/// </summary>
public sealed class ConnectionTokenSource(
    ProviderSetup setup, OAuthTokens initial, TokenEndpointClient endpoint, Func<OAuthTokens, CancellationToken, Task> save, TimeProvider time)
{
    private OAuthTokens _tokens = initial;

    public int Refreshes { get; private set; }

    /// <summary>The access token to send now.</summary>
    public async Task<string> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_tokens.IsDueForRefresh(time.GetUtcNow()))
        {
            await RefreshAsync(cancellationToken);
        }

        return _tokens.AccessToken;
    }

    /// <summary>Replaces the tokens by the refresh-token grant; <see cref="TokenRefusedException"/> when there is no refresh token or it was refused.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = _tokens.RefreshToken ?? throw new TokenRefusedException($"The {setup.Name} connection has no refresh token: authorize it again.");
        _tokens = await endpoint.RefreshAsync(setup, refreshToken, cancellationToken);
        Refreshes++;
        await save(_tokens, cancellationToken);
    }
}
