using System.Collections.Concurrent;

namespace Datapunk.Testing.Providers;

/// <summary>A playlist of a <see cref="FakeSpotifyAccount"/>: its items in the order they were added, and a snapshot id that changes with them, as Spotify's does.</summary>
public sealed class FakeSpotifyPlaylist(string id, string name)
{
    private readonly ConcurrentQueue<FakeSpotifyTrack> _items = new();
    private int _version;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public string SnapshotId => $"snap-{Id}-{Volatile.Read(ref _version)}";

    public FakeSpotifyPlaylist Add(DateTimeOffset addedAt, string trackId, string name, string artist)
    {
        _items.Enqueue(new FakeSpotifyTrack(addedAt, trackId, name, artist));
        Interlocked.Increment(ref _version);
        return this;
    }

    /// <summary>The items, oldest first, as <c>GET /v1/playlists/{id}/tracks</c> orders them.</summary>
    public IReadOnlyList<FakeSpotifyTrack> Items => [.. _items];
}
