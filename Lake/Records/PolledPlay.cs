namespace Datapunk.Lake;

/// <summary>
/// A Spotify play as a poll of the Web API's recently-played list gives it (<see cref="PlayPairing"/>):
/// its identity, its track (uri, and the title "artist — track" the record shows) and <c>played_at</c>
/// (milliseconds), which Spotify does not say is the start or the end.
/// </summary>
public readonly record struct PolledPlay(string Identity, string TrackUri, string? Title, DateTime PlayedAt);
