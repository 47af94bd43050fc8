namespace Datapunk.Client;

/// <summary>A user just created by an administrator, with its first personal access token (shown once).</summary>
public sealed record CreatedUser(string User, string Role, string Token);

/// <summary>What a password sign-in answers: a short-lived JWT and the refresh token that renews it.</summary>
public sealed record SessionGrant(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, Guid SessionId, string UserId);

/// <summary>A personal access token just created: <see cref="Text"/> exists only in this answer.</summary>
public sealed record IssuedToken(IssuedTokenInfo Token, string Text);

public sealed record IssuedTokenInfo(Guid TokenId, string UserId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>Who a credential is: <see cref="ActingAdministrator"/> is set when an administrator acts for this user.</summary>
public sealed record Me(string UserName, string Role, string? DisplayName, string? Email, string? TimeZone, IReadOnlyList<string> Scopes, string? ActingAdministrator);

/// <summary>An ingest token just created: <see cref="Text"/>, what the phone's tracker app is given, exists only in this answer.</summary>
public sealed record IssuedIngestToken(IngestTokenInfo Token, string Text);

/// <summary>An ingest token: it lets a phone post its user's location fixes to /ingest/owntracks and /ingest/overland, and nothing else.</summary>
public sealed record IngestTokenInfo(Guid TokenId, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
