using System.Globalization;
using System.Text.Json;

namespace Datapunk.Lake.Live;

/// <summary>The checks both protocols' bodies go through; each failure names the JSON path it is about.</summary>
internal static class LiveBodyChecks
{
    /// <summary>Parses the body; invalid JSON is refused with its line and byte.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Split([" LineNumber:", " Path:"], StringSplitOptions.None)[0].TrimEnd(' ', '.');
            throw new LiveBodyException(
                $"The body is not valid JSON at line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}: {reason}.");
        }
    }

    public static void CheckPosition(double latitude, double longitude, string path)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new LiveBodyException($"{path}: latitude {Number(latitude)} is not between -90 and 90.");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new LiveBodyException($"{path}: longitude {Number(longitude)} is not between -180 and 180.");
        }
    }

    public static void CheckTime(DateTime time, DateTime utcNow, LiveLimits limits, string path)
    {
        if (time > utcNow + limits.FutureTolerance)
        {
            throw new LiveBodyException(
                $"{path}: {time:yyyy-MM-dd'T'HH:mm:ss'Z'} is more than {limits.FutureTolerance.TotalHours:0} hours after the server's clock ({utcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        }
    }

    public static void CheckCount(int fixes, LiveLimits limits)
    {
        if (fixes > limits.MaxFixes)
        {
            throw new LiveBodyException($"The body holds {fixes} locations; at most {limits.MaxFixes} are taken per request: send them in smaller batches.");
        }
    }

    public static void CheckDevice(string? device, string path)
    {
        if (device is { Length: > LiveDevices.MaxNameLength })
        {
            throw new LiveBodyException($"{path}: a device name of {device.Length} characters is longer than the {LiveDevices.MaxNameLength} taken.");
        }
    }

    public static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
