using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// A video the account likes (<c>GET videos?part=snippet&amp;myRating=like</c>) as a
/// <see cref="RecordKind.YoutubeLike"/> record. The identity is the video, <c>youtube-api:like:&lt;video id&gt;</c>:
/// a video liked is one like. <b>It has no time</b>: the API says which videos are liked, not when, and
/// neither the video's publication nor the poll that first saw the like is when it happened, so
/// <c>occurred_at</c> stays empty (the video's <c>publishedAt</c> is kept in <c>source</c>).
/// </summary>
internal static class YouTubeLike
{
    public const string FormatId = "youtube.api.likes";

    public static PersonalRecord Record(JsonObject video, string request)
    {
        var where = $"A video of {request}";
        var videoId = YouTubeJson.Required(video["id"], $"{where}: its id");
        var snippet = video["snippet"] as JsonObject ?? throw new ProviderResponseException($"The video '{videoId}' of {request} has no snippet.");
        return new PersonalRecord
        {
            Kind = RecordKind.YoutubeLike,
            Identity = RecordIdentity.Native(YouTubeProvider.Source, $"like:{videoId}"),
            Title = ProviderJson.Text(snippet["title"]),
            Text = YouTubeJson.Body(snippet["description"]),
            Url = YouTubeJson.VideoUrl(videoId),
            Source = new JsonObject
            {
                ["video_id"] = videoId,
                ["video_title"] = ProviderJson.Text(snippet["title"]),
                ["channel_id"] = ProviderJson.Text(snippet["channelId"]),
                ["channel_title"] = ProviderJson.Text(snippet["channelTitle"]),
                ["video_published_at"] = ProviderJson.Text(snippet["publishedAt"]),
            },
        };
    }
}
