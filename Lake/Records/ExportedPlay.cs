namespace Datapunk.Lake;

/// <summary>
/// A Spotify play as the extended streaming history gives it (<see cref="PlayPairing"/>): its identity, its
/// track, <c>ts</c> (when it stopped playing, whole seconds) and <c>ms_played</c>.
/// </summary>
public readonly record struct ExportedPlay(string Identity, string TrackUri, DateTime EndedAt, long MillisecondsPlayed)
{
    /// <summary>When it started, as far as the export says: the end less the time played.</summary>
    public DateTime StartedAt => EndedAt.AddMilliseconds(-MillisecondsPlayed);
}
