using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Webhooks;

/// <summary>
/// The entries a pushing provider keeps in a connection's cursor, one per subscription or channel, keyed by what it
/// watches: each has the id the provider's notifications name, its expiry as the provider granted it and the SHA-256
/// of its secret (<see cref="WebhookSecret"/>), or only the error that kept it from being made.
/// </summary>
internal static class PushEntries
{
    public const string Id = "id";
    public const string Expires = "expires";
    public const string SecretHash = "secretHash";
    public const string Error = "error";

    /// <summary>Whether one of <paramref name="entries"/> has the id <paramref name="id"/> and <paramref name="secret"/> is its secret.</summary>
    public static bool IsAuthentic(JsonNode? entries, string id, string secret) =>
        entries is JsonObject kept
        && kept.Select(pair => pair.Value as JsonObject).FirstOrDefault(entry => ProviderJson.Text(entry?[Id]) == id) is { } found
        && WebhookSecret.Matches(ProviderJson.Text(found[SecretHash]), secret);

    /// <summary>When <paramref name="entry"/> expires; the earliest time for none or an unreadable one (it is then made again).</summary>
    public static DateTimeOffset ExpiryOf(JsonObject? entry) =>
        DateTimeOffset.TryParse(ProviderJson.Text(entry?[Expires]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
            ? expires
            : DateTimeOffset.MinValue;
}
