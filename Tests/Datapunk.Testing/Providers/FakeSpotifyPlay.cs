namespace Datapunk.Testing.Providers;

/// <summary>One play in <see cref="FakeSpotifyAccount"/>'s history.</summary>
public sealed record FakeSpotifyPlay(DateTimeOffset PlayedAt, string TrackId, string Name, string Artist);
