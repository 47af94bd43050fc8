using System.Runtime.InteropServices;
using System.Text.Json;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.OwnTracks;

namespace Datapunk.Lake.Live;

/// <summary>
/// The body OwnTracks' HTTP mode posts: one JSON message, or an array of them. Location messages
/// (<c>"_type": "location"</c>) become fixes, read by <see cref="OwnTracksMessage"/> exactly as a recorder
/// file's are; the other types (transitions, waypoints, cards, last wills, …) are acknowledged and not
/// stored, and an encrypted message is refused (it cannot be read, so it must not be acknowledged). The device is the <c>X-Limit-D</c> header when sent, else the topic's last part
/// (<c>owntracks/USER/DEVICE</c>), else the tracker id <c>tid</c>.
/// </summary>
public static class OwnTracksHttpBody
{
    public static LiveFixBatch Parse(ReadOnlyMemory<byte> body, string? deviceHeader, LiveLimits limits, DateTime utcNow)
    {
        using var document = LiveBodyChecks.Parse(body);
        var root = document.RootElement;
        var isArray = root.ValueKind == JsonValueKind.Array;
        if (!isArray && root.ValueKind != JsonValueKind.Object)
        {
            throw new LiveBodyException($"$: the body is {LiveBodyChecks.KindOf(root)}; OwnTracks posts one message (a JSON object) or an array of them.");
        }

        LiveBodyChecks.CheckDevice(deviceHeader, "X-Limit-D");
        List<JsonElement> messages = isArray ? [.. root.EnumerateArray()] : [root];
        var fixes = new List<LocationFix>();
        var ignored = 0;
        string? firstDevice = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var path = isArray ? $"$[{i}]" : "$";
            if (messages[i].ValueKind != JsonValueKind.Object)
            {
                throw new LiveBodyException($"{path}: is {LiveBodyChecks.KindOf(messages[i])}, not an OwnTracks message (a JSON object).");
            }

            var names = new DeviceNames();
            var message = OwnTracksMessage.Read(JsonMarshal.GetRawUtf8Value(messages[i]), names.Read);
            if (message.Type == "encrypted")
            {
                // Acknowledging it would tell the phone its fixes are stored when nothing could be read of them.
                throw new LiveBodyException(
                    $"{path}: an encrypted OwnTracks message; Datapunk does not decrypt them: turn off the app's payload encryption (its encryption key setting).");
            }

            if (!message.IsLocation)
            {
                ignored++;
                continue;
            }

            var device = string.IsNullOrWhiteSpace(deviceHeader) ? names.Device : deviceHeader.Trim();
            LiveBodyChecks.CheckDevice(device, path);
            firstDevice ??= device;
            fixes.Add(ToFix(message, path, utcNow, limits) with { Device = LiveDevices.IdOf(device) });
        }

        LiveBodyChecks.CheckCount(fixes.Count, limits);
        return new LiveFixBatch(LiveSource.OwnTracks, fixes, ignored, firstDevice, body);
    }

    private static LocationFix ToFix(OwnTracksMessage message, string path, DateTime utcNow, LiveLimits limits)
    {
        if (message.Latitude is not { } latitude || message.Longitude is not { } longitude)
        {
            throw new LiveBodyException($"{path}: a location message needs lat and lon as numbers.");
        }

        LiveBodyChecks.CheckPosition(latitude, longitude, path);
        if (message.Epoch is not { } epoch)
        {
            throw new LiveBodyException($"{path}.tst: a location message needs tst, its time in seconds since 1970.");
        }

        if (!Timestamps.TryFromEpoch(epoch, EpochUnit.Seconds, out var time))
        {
            throw new LiveBodyException($"{path}.tst: {epoch} is not a time in seconds between 1970 and 2200.");
        }

        LiveBodyChecks.CheckTime(time, utcNow, limits, $"{path}.tst");
        return message.ToFix(time, latitude, longitude);
    }

    /// <summary>The message's <c>topic</c> and <c>tid</c>, the device names it may carry.</summary>
    private sealed class DeviceNames
    {
        private string? _topic;
        private string? _trackerId;

        /// <summary>The topic's third part (<c>owntracks/USER/DEVICE</c>), else the tracker id.</summary>
        public string? Device => _topic?.Split('/') is { Length: >= 3 } parts && parts[2].Length > 0 ? parts[2] : _trackerId;

        public void Read(OwnTracksMessage message, ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return;
            }

            if (name.SequenceEqual("topic"u8))
            {
                _topic = reader.GetString();
            }
            else if (name.SequenceEqual("tid"u8))
            {
                _trackerId = reader.GetString();
            }
        }
    }
}
