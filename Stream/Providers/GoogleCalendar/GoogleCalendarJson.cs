using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>Reading Google's JSON: the objects of a list's <c>items</c> (Google leaves out an empty array).</summary>
internal static class GoogleCalendarJson
{
    /// <summary>The objects of <c>items</c>; <paramref name="what"/> names the answer in errors.</summary>
    public static IReadOnlyList<JsonObject> Items(JsonNode body, string what)
    {
        if (body is not JsonObject page)
        {
            throw new ProviderResponseException($"Google Calendar's answer to {what} is not a JSON object.");
        }

        return page["items"] switch
        {
            null => [],
            JsonArray items => [.. items.Select((item, i) => item as JsonObject ?? throw new ProviderResponseException($"Item {i} of {what} is not an object."))],
            _ => throw new ProviderResponseException($"The items of {what} are not an array."),
        };
    }
}
