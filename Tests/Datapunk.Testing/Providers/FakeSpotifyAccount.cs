using System.Collections.Concurrent;

namespace Datapunk.Testing.Providers;

/// <summary>An account of <see cref="FakeSpotify"/> and the plays its recently-played endpoint returns.</summary>
public sealed class FakeSpotifyAccount(string id, string displayName)
{
    private readonly ConcurrentDictionary<long, FakeSpotifyPlay> _plays = new();

    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    /// <summary>Adds a play (keyed by its time to the millisecond, as Spotify's history is).</summary>
    public FakeSpotifyAccount Play(DateTimeOffset playedAt, string trackId, string name, string artist)
    {
        _plays[playedAt.ToUnixTimeMilliseconds()] = new FakeSpotifyPlay(playedAt, trackId, name, artist);
        return this;
    }

    /// <summary>Plays after <paramref name="afterMs"/>, newest first, at most <paramref name="limit"/>: what the API returns.</summary>
    internal IReadOnlyList<FakeSpotifyPlay> After(long? afterMs, int limit) =>
        [.. _plays.Where(play => afterMs is null || play.Key > afterMs).OrderByDescending(play => play.Key).Take(limit).Select(play => play.Value)];
}
