using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// A playlist item resource (<c>GET playlistItems?part=snippet,contentDetails</c>) as a
/// <see cref="RecordKind.YoutubePlaylistItem"/> record. The identity is the playlist, the video and the
/// time it was added, <c>youtube-api:playlist-item:&lt;playlist id&gt;:&lt;video id&gt;:&lt;added, Unix ms&gt;</c>:
/// the same video added twice is two items, and an item keeps its identity when others are moved or
/// removed (its <c>position</c> does not; it is kept in <c>source</c>). Its time is
/// <c>snippet.publishedAt</c>, when the item was added; its title the video's (YouTube writes "Private
/// video" or "Deleted video" for one no longer visible); its body the playlist's title.
/// </summary>
internal static class YouTubePlaylistItem
{
    public const string FormatId = "youtube.api.playlist-items";

    public static PersonalRecord Record(JsonObject item, YouTubePlaylist playlist, string request)
    {
        var where = $"The playlist item '{ProviderJson.Text(item["id"]) ?? "(no id)"}' of {request}";
        var snippet = item["snippet"] as JsonObject ?? throw new ProviderResponseException($"{where} has no snippet.");
        var videoId = ProviderJson.Text(item["contentDetails"]?["videoId"]) is { Length: > 0 } id
            ? id
            : YouTubeJson.Required(snippet["resourceId"]?["videoId"], $"{where}'s contentDetails.videoId");
        var addedAt = YouTubeJson.Time(snippet["publishedAt"], $"{where}'s snippet.publishedAt");
        return new PersonalRecord
        {
            Kind = RecordKind.YoutubePlaylistItem,
            Identity = RecordIdentity.Native(YouTubeProvider.Source, $"playlist-item:{playlist.Id}:{videoId}:{addedAt.ToUnixTimeMilliseconds()}"),
            OccurredAt = addedAt.UtcDateTime,
            Title = ProviderJson.Text(snippet["title"]),
            Text = playlist.Title,
            Url = $"{YouTubeJson.VideoUrl(videoId)}&list={Uri.EscapeDataString(playlist.Id)}",
            Source = new JsonObject
            {
                ["playlist_item_id"] = ProviderJson.Text(item["id"]),
                ["playlist_id"] = playlist.Id,
                ["playlist_title"] = playlist.Title,
                ["video_id"] = videoId,
                ["video_title"] = ProviderJson.Text(snippet["title"]),
                ["video_owner_channel_id"] = ProviderJson.Text(snippet["videoOwnerChannelId"]),
                ["video_owner_channel_title"] = ProviderJson.Text(snippet["videoOwnerChannelTitle"]),
                ["video_published_at"] = ProviderJson.Text(item["contentDetails"]?["videoPublishedAt"]),
                ["position"] = snippet["position"]?.DeepClone(),
                ["added_at"] = ProviderJson.Text(snippet["publishedAt"]),
            },
        };
    }
}
