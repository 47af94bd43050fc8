using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Grains.Lake.Formats.Location;

/// <summary>Typed reads from parsed timeline objects, where iOS writes numbers as strings and Android does not.</summary>
internal static class JsonNodeValues
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

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

    public static long? Integer(JsonNode? node) => Number(node) is { } number && double.IsFinite(number) ? (long)Math.Round(number) : null;

    /// <summary>A latitude/longitude pair in E7 from latitudeE7/longitudeE7 (or latE7/lngE7) properties, with the overflow fix.</summary>
    public static (int Latitude, int Longitude)? E7(JsonNode? node, string latitudeName, string longitudeName) =>
        node is JsonObject obj && Integer(obj[latitudeName]) is { } latitude && Integer(obj[longitudeName]) is { } longitude
            ? (Common.JsonFields.CorrectE7(latitude), Common.JsonFields.CorrectE7(longitude))
            : null;
}
