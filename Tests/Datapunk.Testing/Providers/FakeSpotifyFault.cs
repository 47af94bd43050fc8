namespace Datapunk.Testing.Providers;

/// <summary>What <see cref="FakeSpotify"/> answers an API request with instead of the data: a status (with Retry-After), or a body that is not JSON.</summary>
public sealed record FakeSpotifyFault(int Status, TimeSpan? RetryAfter = null, bool Malformed = false);
