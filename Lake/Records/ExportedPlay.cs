namespace Datapunk.Lake;

/// <summary>
/// A Spotify play as an export gives it (<see cref="PlayPairing"/>): the extended streaming history names
/// its track by uri and when it stopped playing (<c>ts</c>) to the second; the account data's history
/// (<see cref="TrackUri"/> null) names it only by <see cref="Title"/> ("artist — track") and the end to the
/// minute (<c>endTime</c>). Both give the time played.
/// </summary>
public readonly record struct ExportedPlay(string Identity, string? TrackUri, string? Title, DateTime EndedAt, long MillisecondsPlayed)
{
    /// <summary>When it started, as far as the export says: the end less the time played.</summary>
    public DateTime StartedAt => EndedAt.AddMilliseconds(-MillisecondsPlayed);
}
