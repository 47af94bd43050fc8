using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>Spotify's offset paging object (<c>{items, limit, offset, next, total}</c>): its items and the link to the next page, null on the last.</summary>
internal sealed record SpotifyPage(IReadOnlyList<JsonObject> Items, string? Next)
{
    public static SpotifyPage Of(JsonNode body, string request)
    {
        if (body is not JsonObject page || page["items"] is not JsonArray items)
        {
            throw new ProviderResponseException($"Spotify's answer to {request} has no items array.");
        }

        return new SpotifyPage(
            [.. items.Select(item => item as JsonObject ?? throw new ProviderResponseException($"An item of {request} is not an object."))],
            ProviderJson.Text(page["next"]));
    }
}
