using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>Reading Gmail's JSON: a list's objects (Google leaves out an empty array), history ids (uint64, written as strings), messages' ids and labels.</summary>
internal static class GmailJson
{
    /// <summary>The objects of <paramref name="field"/> (<see cref="ProviderJson.Objects"/>); <paramref name="request"/> names the answer in errors.</summary>
    public static IReadOnlyList<JsonObject> Objects(JsonNode body, string field, string request) => ProviderJson.Objects(body, field, GmailProvider.ProviderTitle, request);

    /// <summary>The answer's <c>historyId</c>, which Google writes as a string (a JSON number is taken too).</summary>
    public static string HistoryId(JsonNode body, string request) => body["historyId"] switch
    {
        JsonValue value when ProviderJson.Text(value) is { Length: > 0 } text && ulong.TryParse(text, out _) => text,
        JsonValue value when value.TryGetValue<ulong>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ProviderResponseException($"Gmail's answer to {request} has no historyId."),
    };

    /// <summary>A listed message's <c>id</c>.</summary>
    public static string MessageId(JsonObject message, string request) =>
        ProviderJson.Text(message["id"]) is { Length: > 0 } id ? id : throw new ProviderResponseException($"A message of {request} has no id.");

    /// <summary>The <c>labelIds</c> of a message (none when absent).</summary>
    public static IReadOnlyList<string> LabelIds(JsonObject message) =>
        message["labelIds"] is JsonArray labels ? [.. labels.Select(ProviderJson.Text).OfType<string>()] : [];
}
