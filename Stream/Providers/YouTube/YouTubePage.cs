using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// A page of a YouTube Data API list (<c>{etag, nextPageToken, pageInfo, items}</c>): its items, the link
/// to the next page (none on the last) and its entity tag, which a conditional request sends back
/// (If-None-Match) to hear 304 when the page is still the same.
/// </summary>
internal sealed record YouTubePage(IReadOnlyList<JsonObject> Items, string? NextPageToken, string? ETag)
{
    /// <summary>The page <paramref name="body"/> answered to <paramref name="request"/> (a <c>GET …</c> line, which errors name).</summary>
    public static YouTubePage Of(JsonNode body, string request) => new(
        ProviderJson.Objects(body, "items", YouTubeProvider.ProviderTitle, request),
        ProviderJson.Text(body["nextPageToken"]) is { Length: > 0 } next ? next : null,
        ProviderJson.Text(body["etag"]));

    /// <summary><paramref name="request"/> asking for the page <paramref name="pageToken"/> names, or the first.</summary>
    public static string At(string request, string? pageToken) =>
        pageToken is null ? request : $"{request}&pageToken={Uri.EscapeDataString(pageToken)}";
}
