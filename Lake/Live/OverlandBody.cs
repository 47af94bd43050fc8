using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Live;

/// <summary>
/// The body Overland posts (github.com/aaronpk/Overland-iOS, "API"): <c>{"locations": [feature, …]}</c>,
/// each a GeoJSON Feature with a Point <c>[longitude, latitude]</c> and properties <c>timestamp</c>
/// (ISO 8601), <c>horizontal_accuracy</c>, <c>altitude</c>, <c>speed</c> (m/s), <c>course</c> and
/// <c>device_id</c>. iOS writes -1 for a value it does not know: such values are left out. Features with
/// an <c>action</c> (visits, pauses, app events the "tracking stats" setting adds) are not fixes and
/// are acknowledged without being stored; <c>current</c> and <c>trip</c> repeat points of other batches.
/// </summary>
public static class OverlandBody
{
    public const string FixSource = "overland";

    public static LiveFixBatch Parse(ReadOnlyMemory<byte> body, LiveLimits limits, DateTime utcNow)
    {
        using var document = LiveBodyChecks.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array)
        {
            throw new LiveBodyException("$.locations: Overland posts an object whose \"locations\" is an array of GeoJSON features.");
        }

        var fixes = new List<LocationFix>();
        var ignored = 0;
        string? firstDevice = null;
        var i = 0;
        foreach (var feature in locations.EnumerateArray())
        {
            var path = $"$.locations[{i++}]";
            if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                throw new LiveBodyException($"{path}: a location is a GeoJSON feature (an object) with \"properties\".");
            }

            if (properties.TryGetProperty("action", out _))
            {
                ignored++;
                continue;
            }

            var device = properties.TryGetProperty("device_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name ? name : null;
            LiveBodyChecks.CheckDevice(device, $"{path}.properties.device_id");
            firstDevice ??= device;
            fixes.Add(ToFix(feature, properties, path, utcNow, limits) with { Device = LiveDevices.IdOf(device) });
        }

        LiveBodyChecks.CheckCount(fixes.Count, limits);
        return new LiveFixBatch(LiveSource.Overland, fixes, ignored, firstDevice, body);
    }

    private static LocationFix ToFix(JsonElement feature, JsonElement properties, string path, DateTime utcNow, LiveLimits limits)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Point"
            || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array
            || coordinates.GetArrayLength() < 2
            || coordinates[0].ValueKind != JsonValueKind.Number || coordinates[1].ValueKind != JsonValueKind.Number)
        {
            throw new LiveBodyException($"{path}.geometry: a location needs a Point geometry with coordinates [longitude, latitude] as numbers.");
        }

        var longitude = coordinates[0].GetDouble();
        var latitude = coordinates[1].GetDouble();
        LiveBodyChecks.CheckPosition(latitude, longitude, $"{path}.geometry.coordinates");

        if (!properties.TryGetProperty("timestamp", out var stamp) || stamp.ValueKind != JsonValueKind.String)
        {
            throw new LiveBodyException($"{path}.properties.timestamp: a location needs its time as an ISO 8601 string.");
        }

        var text = stamp.GetString()!;
        if (!TryParseTime(text, out var time))
        {
            throw new LiveBodyException($"{path}.properties.timestamp: '{Cut(text)}' is not an ISO 8601 time with a zone (such as 2015-10-01T08:00:00-0700 or 2015-10-01T15:00:00Z).");
        }

        LiveBodyChecks.CheckTime(time, utcNow, limits, $"{path}.properties.timestamp");
        return new LocationFix(
            time,
            LocationFix.ToE7(latitude),
            LocationFix.ToE7(longitude),
            Known(properties, "horizontal_accuracy"),
            // Altitude may be below zero; iOS says it is unknown with a negative vertical accuracy.
            Number(properties, "vertical_accuracy") is < 0 ? null : Number(properties, "altitude"),
            Known(properties, "speed"),
            Known(properties, "course"),
            FixSource)
        {
            CoordinateDigits = Math.Min(Decimals(coordinates[0]), Decimals(coordinates[1])),
            TimeDigits = TimeDigits.OfIso(text),
        };
    }

    /// <summary>An ISO 8601 time with a zone (<c>Z</c>, <c>+01:00</c> or <c>-0700</c>, as Overland writes it), as UTC.</summary>
    internal static bool TryParseTime(string text, out DateTime utc)
    {
        utc = default;
        var normalised = text.Trim();
        if (normalised.EndsWith('Z'))
        {
            normalised = normalised[..^1] + "+00:00";
        }
        else if (normalised.Length > 5 && normalised[^5] is '+' or '-' && normalised[^4..].All(char.IsAsciiDigit))
        {
            normalised = normalised[..^2] + ":" + normalised[^2..];
        }

        if (!DateTimeOffset.TryParseExact(
                normalised, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.UtcDateTime.Year < 1970)
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>A number property, rounded; absent, not a number or negative (iOS's "unknown") is null.</summary>
    private static int? Known(JsonElement properties, string name) => Number(properties, name) is { } value and >= 0 ? value : null;

    private static int? Number(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? (int)Math.Clamp(Math.Round(number), int.MinValue, int.MaxValue)
            : null;

    private static byte Decimals(JsonElement number) => LatLngText.Decimals(Encoding.ASCII.GetString(JsonMarshal.GetRawUtf8Value(number)));

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
