using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// A subscription resource (<c>GET subscriptions?part=snippet&amp;mine=true</c>) as a
/// <see cref="RecordKind.YoutubeSubscription"/> record. The identity is the channel subscribed to,
/// <c>youtube-api:subscription:&lt;channel id&gt;</c>: one subscription per channel, whatever YouTube's
/// subscription id, so a channel left and subscribed to again is the record stored the first time.
/// Its time is <c>snippet.publishedAt</c>, when the subscription was made; its title the channel's.
/// </summary>
internal static class YouTubeSubscription
{
    public const string FormatId = "youtube.api.subscriptions";

    public static PersonalRecord Record(JsonObject item, string request)
    {
        var where = $"The subscription '{ProviderJson.Text(item["id"]) ?? "(no id)"}' of {request}";
        var snippet = item["snippet"] as JsonObject ?? throw new ProviderResponseException($"{where} has no snippet.");
        var channelId = YouTubeJson.Required(snippet["resourceId"]?["channelId"], $"{where}'s snippet.resourceId.channelId");
        var publishedAt = YouTubeJson.Time(snippet["publishedAt"], $"{where}'s snippet.publishedAt");
        var title = ProviderJson.Text(snippet["title"]);
        return new PersonalRecord
        {
            Kind = RecordKind.YoutubeSubscription,
            Identity = RecordIdentity.Native(YouTubeProvider.Source, $"subscription:{channelId}"),
            OccurredAt = publishedAt.UtcDateTime,
            Title = title,
            Text = YouTubeJson.Body(snippet["description"]),
            Url = YouTubeJson.ChannelUrl(channelId),
            Source = new JsonObject
            {
                ["subscription_id"] = ProviderJson.Text(item["id"]),
                ["channel_id"] = channelId,
                ["channel_title"] = title,
                ["published_at"] = ProviderJson.Text(snippet["publishedAt"]),
            },
        };
    }
}
