using System.Collections.Concurrent;

namespace Datapunk.Testing.Providers;

/// <summary>An account of <see cref="FakeSpotify"/>: the plays its recently-played endpoint returns, its saved tracks and its playlists.</summary>
public sealed class FakeSpotifyAccount(string id, string displayName)
{
    private readonly ConcurrentDictionary<long, FakeSpotifyPlay> _plays = new();
    private readonly ConcurrentDictionary<string, FakeSpotifyTrack> _saved = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeSpotifyPlaylist> _playlists = new();

    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    /// <summary>Adds a play (keyed by its time to the millisecond, as Spotify's history is).</summary>
    public FakeSpotifyAccount Play(DateTimeOffset playedAt, string trackId, string name, string artist)
    {
        _plays[playedAt.ToUnixTimeMilliseconds()] = new FakeSpotifyPlay(playedAt, trackId, name, artist);
        return this;
    }

    /// <summary>Saves a track to the library (a track is saved once; saving it again moves it to the top).</summary>
    public FakeSpotifyAccount Save(DateTimeOffset addedAt, string trackId, string name, string artist)
    {
        _saved[trackId] = new FakeSpotifyTrack(addedAt, trackId, name, artist);
        return this;
    }

    public FakeSpotifyPlaylist Playlist(string playlistId, string name)
    {
        var playlist = new FakeSpotifyPlaylist(playlistId, name);
        _playlists.Enqueue(playlist);
        return playlist;
    }

    /// <summary>Plays after <paramref name="afterMs"/>, newest first, at most <paramref name="limit"/>: what the API returns.</summary>
    internal IReadOnlyList<FakeSpotifyPlay> After(long? afterMs, int limit) =>
        [.. _plays.Where(play => afterMs is null || play.Key > afterMs).OrderByDescending(play => play.Key).Take(limit).Select(play => play.Value)];

    /// <summary>The library, newest first, as <c>GET /v1/me/tracks</c> orders it.</summary>
    public IReadOnlyList<FakeSpotifyTrack> Saved => [.. _saved.Values.OrderByDescending(track => track.AddedAt).ThenBy(track => track.TrackId, StringComparer.Ordinal)];

    internal IReadOnlyList<FakeSpotifyPlaylist> Playlists => [.. _playlists];
}
