using System.Text.Json.Nodes;

namespace Datapunk.Streams;

/// <summary>Reading the providers' JSON answers.</summary>
internal static class ProviderJson
{
    /// <summary>The node's string, or null when it is absent, null or not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The objects of the list <paramref name="field"/> of a Google API's answer, none when the field is
    /// absent (Google leaves an empty list out); <paramref name="provider"/> and <paramref name="request"/>
    /// name the answer in errors.
    /// </summary>
    public static IReadOnlyList<JsonObject> Objects(JsonNode body, string field, string provider, string request)
    {
        if (body is not JsonObject answer)
        {
            throw new ProviderResponseException($"{provider}'s answer to {request} is not a JSON object.");
        }

        return answer[field] switch
        {
            null => [],
            JsonArray items => [.. items.Select((item, i) => item as JsonObject ?? throw new ProviderResponseException($"Entry {i} of the {field} of {request} is not an object."))],
            _ => throw new ProviderResponseException($"The {field} of {request} are not an array."),
        };
    }
}
