using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Why a record's time field could not be used, for its rejection: nothing there
/// (<see cref="RejectReason.MissingTime"/>) or something that does not read as a time
/// (<see cref="RejectReason.UnreadableTime"/>). <see cref="Description"/> completes "The play at
/// byte 12 has …": "no ts", or "an unreadable ts ("yesterday")".
/// </summary>
public readonly record struct UnusableTime(RejectReason Reason, string Description)
{
    private const int MaxValueChars = 40;

    /// <summary>For a JSON field: absent, null or blank is missing; any other value is unreadable.</summary>
    public static UnusableTime Of(JsonNode? value, string fieldName) =>
        value is null ? Missing(fieldName) : Of(JsonNodeFields.Text(value) ?? value.ToJsonString(), fieldName);

    /// <summary>For a text field (a CSV cell, a header): null or blank is missing; any other text is unreadable.</summary>
    public static UnusableTime Of(string? text, string fieldName) => string.IsNullOrWhiteSpace(text)
        ? Missing(fieldName)
        : new UnusableTime(RejectReason.UnreadableTime, $"an unreadable {fieldName} (\"{Shorten(text.Trim())}\")");

    private static UnusableTime Missing(string fieldName) => new(RejectReason.MissingTime, $"no {fieldName}");

    private static string Shorten(string text) => text.Length > MaxValueChars ? text[..MaxValueChars] + "…" : text;
}
