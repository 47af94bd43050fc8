using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A Google account of <see cref="FakeYouTube"/>: its channel (none when <see cref="ChannelId"/> is null), and
/// that channel's subscriptions, playlists with their items, and liked videos (newest first), each kept as
/// the resource YouTube's API returns.
/// </summary>
public sealed class FakeYouTubeAccount(string email, string? channelId, string channelTitle)
{
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _subscriptions = [];
    private readonly List<(string Id, string Title, List<JsonObject> Items)> _playlists = [];
    private readonly List<JsonObject> _likes = [];
    private int _nextId;

    public string Email { get; } = email;

    public string? ChannelId { get; } = channelId;

    public string ChannelTitle { get; } = channelTitle;

    /// <summary>Subscribes to <paramref name="channelId"/> at <paramref name="at"/>; returns the subscription resource (which a test may break).</summary>
    public JsonObject Subscribe(string channelId, string title, DateTimeOffset at)
    {
        var subscription = new JsonObject
        {
            ["kind"] = "youtube#subscription",
            ["etag"] = NextId("etag"),
            ["id"] = NextId("sub"),
            ["snippet"] = new JsonObject
            {
                ["publishedAt"] = Rfc3339(at),
                ["title"] = title,
                ["description"] = $"The channel {title}.",
                ["resourceId"] = new JsonObject { ["kind"] = "youtube#channel", ["channelId"] = channelId },
                ["channelId"] = ChannelId,
            },
        };
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public void AddPlaylist(string playlistId, string title)
    {
        lock (_lock)
        {
            _playlists.Add((playlistId, title, []));
        }
    }

    /// <summary>Adds <paramref name="videoId"/> at the end of the playlist, added at <paramref name="at"/>.</summary>
    public void AddToPlaylist(string playlistId, string videoId, string title, DateTimeOffset at)
    {
        lock (_lock)
        {
            var playlist = _playlists.Single(p => p.Id == playlistId);
            playlist.Items.Add(new JsonObject
            {
                ["kind"] = "youtube#playlistItem",
                ["etag"] = NextId("etag"),
                ["id"] = NextId("pli"),
                ["snippet"] = new JsonObject
                {
                    ["publishedAt"] = Rfc3339(at),
                    ["channelId"] = ChannelId,
                    ["title"] = title,
                    ["description"] = "",
                    ["playlistId"] = playlistId,
                    ["position"] = playlist.Items.Count,
                    ["resourceId"] = new JsonObject { ["kind"] = "youtube#video", ["videoId"] = videoId },
                    ["videoOwnerChannelTitle"] = "Owner of " + title,
                    ["videoOwnerChannelId"] = "UCowner" + videoId,
                },
                ["contentDetails"] = new JsonObject { ["videoId"] = videoId, ["videoPublishedAt"] = "2020-05-01T12:00:00Z" },
            });
        }
    }

    /// <summary>Likes <paramref name="videoId"/>: it comes first in the liked videos.</summary>
    public void Like(string videoId, string title)
    {
        lock (_lock)
        {
            _likes.Insert(0, new JsonObject
            {
                ["kind"] = "youtube#video",
                ["etag"] = NextId("etag"),
                ["id"] = videoId,
                ["snippet"] = new JsonObject
                {
                    ["publishedAt"] = "2021-02-03T04:05:06Z",
                    ["channelId"] = "UCowner" + videoId,
                    ["title"] = title,
                    ["description"] = $"About {title}.",
                    ["channelTitle"] = "Owner of " + title,
                },
            });
        }
    }

    internal IReadOnlyList<JsonNode> Subscriptions()
    {
        lock (_lock)
        {
            return [.. _subscriptions.Select(s => s.DeepClone())];
        }
    }

    internal IReadOnlyList<JsonNode> Likes()
    {
        lock (_lock)
        {
            return [.. _likes.Select(l => l.DeepClone())];
        }
    }

    /// <summary>The playlist resources: their etag changes with their title and item count, as YouTube's do.</summary>
    internal IReadOnlyList<JsonNode> Playlists()
    {
        lock (_lock)
        {
            return [.. _playlists.Select(p => (JsonNode)new JsonObject
            {
                ["kind"] = "youtube#playlist",
                ["etag"] = FakeYouTube.ETagOf($"{p.Id}|{p.Title}|{p.Items.Count}"),
                ["id"] = p.Id,
                ["snippet"] = new JsonObject { ["publishedAt"] = "2019-01-01T00:00:00Z", ["channelId"] = ChannelId, ["title"] = p.Title },
                ["contentDetails"] = new JsonObject { ["itemCount"] = p.Items.Count },
            })];
        }
    }

    /// <summary>The items of the playlist, or null when there is no such playlist (404).</summary>
    internal IReadOnlyList<JsonNode>? Items(string playlistId)
    {
        lock (_lock)
        {
            return _playlists.Find(p => p.Id == playlistId) is { Id: not null } playlist ? [.. playlist.Items.Select(i => i.DeepClone())] : null;
        }
    }

    private string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture)}";

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
