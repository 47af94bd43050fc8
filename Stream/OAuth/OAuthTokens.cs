namespace Datapunk.Streams.OAuth;

/// <summary>A connection's tokens as the token endpoint gave them; stored encrypted (<see cref="ConnectionTokenStore"/>).</summary>
public sealed record OAuthTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Refreshed this long before it expires, so no request goes out with a token about to lapse.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);

    public bool IsDueForRefresh(DateTimeOffset now) => now >= ExpiresAt - RefreshAhead;
}
