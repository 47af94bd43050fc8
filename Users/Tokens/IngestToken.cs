namespace Datapunk.Users.Tokens;

/// <summary>
/// An ingest token's description (never its secret): what a phone's tracker app holds to post its
/// user's location fixes, and nothing else (docs/sources.md, "OwnTracks and Overland").
/// </summary>
public sealed record IngestToken(Guid TokenId, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>An ingest token just created: the only time its text exists outside the caller.</summary>
public sealed record IssuedIngestToken(IngestToken Token, string Text);
