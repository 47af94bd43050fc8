namespace Datapunk.Testing.Providers;

/// <summary>A track as <see cref="FakeSpotify"/> holds it in a library or a playlist: when it was added, and what it is.</summary>
public sealed record FakeSpotifyTrack(DateTimeOffset AddedAt, string TrackId, string Name, string Artist);
