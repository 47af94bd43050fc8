namespace Datapunk.Users.Sessions;

/// <summary>A signed-in session (a browser, the CLI after <c>login</c>).</summary>
public sealed record Session(
    Guid SessionId, string UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt, string? Client, DateTimeOffset? RevokedAt);

/// <summary>A session with the refresh token that renews it; the token is rotated on each renewal.</summary>
public sealed record OpenedSession(Session Session, string RefreshToken);
