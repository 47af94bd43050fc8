namespace Datapunk.Lake;

/// <summary>
/// Which polled Spotify plays are plays of an export (docs/sources.md, "De-duplication: what is and is
/// not matched"). A polled play and a play of the extended streaming history are one play when they name
/// the same track uri and <c>played_at</c> lies within <see cref="Tolerance"/> of the export's end
/// (<c>ts</c>) or of its start (<c>ts − ms_played</c>): Spotify documents <c>ts</c> as when the track
/// stopped playing and <c>played_at</c> only as when it was played, so either reading is accepted. A
/// play of the account data's history (no uri, <c>endTime</c> to the minute) is one with a polled play of
/// the same title ("artist — track") when its minute holds <c>played_at</c> or <c>played_at + msPlayed</c>.
/// <para>
/// Pairing is one to one and deterministic: polled plays in time order (then identity), each taking the
/// unpaired exported play of its track that ended first (then by identity) among those it agrees with.
/// Not the nearest in time: the export's <c>ts</c> is cut to the second, so when a track is played twice
/// back to back (the first play's end is the second's start) the distances to both are noise, and taking
/// the nearest could give the first polled play the second exported one and leave the second polled play
/// unpaired. Taking the earliest, in time order, pairs such a run the same way whichever reading of
/// <c>played_at</c> is right.
/// </para>
/// </summary>
public static class PlayPairing
{
    /// <summary>How a polled play's identity begins (<c>spotify-api:&lt;played_at ms&gt;:&lt;track uri&gt;</c>); an exported play's is a hash.</summary>
    public const string PolledIdentityPrefix = "spotify-api:";

    /// <summary>
    /// The field of a stored exported play's <c>source</c> that names the polled play paired with it: the
    /// pair is kept, so the same poll read again finds its play paired, and no other polled play takes it.
    /// </summary>
    public const string PolledIdentityField = "polled_identity";

    /// <summary>How far apart <c>played_at</c> and the export's end or start may be.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest play matched by its start: how far after <c>played_at</c> the stores look for an export's end
    /// (a play is read from the stored ones by the time it ended).
    /// </summary>
    public static readonly TimeSpan LongestPlay = TimeSpan.FromDays(1);

    public static bool AreSamePlay(in PolledPlay polled, in ExportedPlay exported) =>
        exported.TrackUri is { } trackUri
            ? polled.TrackUri == trackUri && (Near(polled.PlayedAt, exported.EndedAt) || Near(polled.PlayedAt, exported.StartedAt))
            : polled.Title is { } title && title == exported.Title
              && (Minute(polled.PlayedAt) == exported.EndedAt || Minute(polled.PlayedAt.AddMilliseconds(exported.MillisecondsPlayed)) == exported.EndedAt);

    /// <summary>The pairs (index in <paramref name="polled"/>, index in <paramref name="exported"/>), in the polled plays' time order.</summary>
    public static IReadOnlyList<(int Polled, int Exported)> Pair(IReadOnlyList<PolledPlay> polled, IReadOnlyList<ExportedPlay> exported)
    {
        var byTrack = Enumerable.Range(0, exported.Count)
            .GroupBy(i => TrackKey(exported[i].TrackUri, exported[i].Title))
            .ToDictionary(track => track.Key, track => track.ToList());
        var taken = new bool[exported.Count];
        var pairs = new List<(int, int)>();
        foreach (var p in Enumerable.Range(0, polled.Count).OrderBy(i => polled[i].PlayedAt).ThenBy(i => polled[i].Identity, StringComparer.Ordinal))
        {
            var candidates = byTrack.GetValueOrDefault(TrackKey(polled[p].TrackUri, null), [])
                .Concat(polled[p].Title is { } title ? byTrack.GetValueOrDefault(TrackKey(null, title), []) : [])
                .OrderBy(i => exported[i].EndedAt).ThenBy(i => exported[i].Identity, StringComparer.Ordinal);
            foreach (var e in candidates)
            {
                if (exported[e].EndedAt > polled[p].PlayedAt + Tolerance + LongestPlay)
                {
                    break;
                }

                if (!taken[e] && AreSamePlay(polled[p], exported[e]))
                {
                    taken[e] = true;
                    pairs.Add((p, e));
                    break;
                }
            }
        }

        return pairs;
    }

    private static bool Near(DateTime a, DateTime b) => (a - b).Duration() <= Tolerance;

    private static DateTime Minute(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), time.Kind);

    /// <summary>What a play's track is known by: its uri, or for the account data's history its title.</summary>
    private static (bool ByTitle, string? Name) TrackKey(string? trackUri, string? title) => trackUri is null ? (true, title) : (false, trackUri);
}
