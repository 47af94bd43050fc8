using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// A playlist of <c>GET playlists?part=snippet,contentDetails&amp;mine=true</c>: its id, title, and the
/// version its items are read at: the resource's <c>etag</c>, which changes with its snippet and its
/// <c>contentDetails.itemCount</c> (the item count stands in when YouTube gives no etag).
/// </summary>
internal sealed record YouTubePlaylist(string Id, string? Title, string Version)
{
    public static YouTubePlaylist Of(JsonObject item, string request)
    {
        var id = YouTubeJson.Required(item["id"], $"A playlist of {request}: its id");
        var count = item["contentDetails"]?["itemCount"] is JsonValue value && value.TryGetValue<long>(out var n) ? n.ToString(CultureInfo.InvariantCulture) : "?";
        return new YouTubePlaylist(id, ProviderJson.Text(item["snippet"]?["title"]), ProviderJson.Text(item["etag"]) ?? $"itemCount:{count}");
    }
}
