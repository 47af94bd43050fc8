using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>Reading the fields of YouTube's resources, with errors that name the resource and the request.</summary>
internal static class YouTubeJson
{
    /// <summary>The text at <paramref name="node"/>, which must be there: <paramref name="what"/> names it in the error.</summary>
    public static string Required(JsonNode? node, string what) =>
        ProviderJson.Text(node) is { Length: > 0 } text ? text : throw new ProviderResponseException($"{Cut(what)} is missing.");

    /// <summary>An RFC 3339 time (<c>publishedAt</c>), which must be there and readable.</summary>
    public static DateTimeOffset Time(JsonNode? node, string what)
    {
        var text = Required(node, what);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ProviderResponseException($"{Cut(what)} '{Cut(text)}' is not a time.");
    }

    /// <summary>A record's body: the text trimmed, null when empty.</summary>
    public static string? Body(JsonNode? node) => ProviderJson.Text(node)?.Trim() is { Length: > 0 } text ? text : null;

    public static string VideoUrl(string videoId) => $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}";

    public static string ChannelUrl(string channelId) => $"https://www.youtube.com/channel/{Uri.EscapeDataString(channelId)}";

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
