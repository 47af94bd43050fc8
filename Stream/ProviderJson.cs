using System.Text.Json.Nodes;

namespace Datapunk.Streams;

/// <summary>Reading the providers' JSON answers.</summary>
internal static class ProviderJson
{
    /// <summary>The node's string, or null when it is absent, null or not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
