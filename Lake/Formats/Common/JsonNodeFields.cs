using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Typed reads from parsed JSON where the type varies between export generations: Photos writes
/// timestamps and view counts as strings, Discord writes snowflake ids as strings in one package
/// and as numbers in the next.
/// </summary>
public static class JsonNodeFields
{
    /// <summary>A string value; null for anything else (numbers are not silently turned into text).</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A string, or the literal text of a number (ids that changed from strings to numbers).</summary>
    public static string? TextOrNumber(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>A number or a numeric string, as a double.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<double>(out var number) => number,
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    /// <summary>A number or a numeric string, as a long (exact for integers beyond 2^53, such as microsecond timestamps).</summary>
    public static long? Integer(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var exact))
            {
                return exact;
            }

            if (value.GetValueKind() == JsonValueKind.String
                && long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exact))
            {
                return exact;
            }
        }

        return Number(node) is { } number && double.IsFinite(number) && Math.Abs(number) < 9e18 ? (long)Math.Round(number) : null;
    }

    public static bool? Boolean(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        }
        : null;

    /// <summary>A latitude/longitude pair in E7 from two properties (latitudeE7/longitudeE7 or latE7/lngE7), with the overflow fix.</summary>
    public static (int Latitude, int Longitude)? E7(JsonNode? node, string latitudeName, string longitudeName) =>
        node is JsonObject obj && Integer(obj[latitudeName]) is { } latitude && Integer(obj[longitudeName]) is { } longitude
            ? (JsonFields.CorrectE7(latitude), JsonFields.CorrectE7(longitude))
            : null;
}
