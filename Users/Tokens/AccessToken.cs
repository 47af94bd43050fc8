namespace Datapunk.Users.Tokens;

/// <summary>A personal access token's description (never its secret).</summary>
public sealed record AccessToken(
    Guid TokenId, string UserId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A token just created: the only time its text exists outside the caller.</summary>
public sealed record IssuedAccessToken(AccessToken Token, string Text);
