using System.Text.Json;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Location history generation 4, exported on an Android phone (2024+): <c>{"semanticSegments":[…],
/// "rawSignals":[…], "userLocationProfile":{…}}</c>. Segments give visits, activities and
/// timelinePath fixes; raw signals give position fixes (Wi-Fi scans and activity records are not
/// positions and are skipped). The file name follows the phone's language, so content decides.
/// </summary>
public sealed class TimelineAndroidReader : IExportFormatReader
{
    private static readonly KnownFieldNames TopLevelFields = new("semanticSegments", "rawSignals", "userLocationProfile");

    private static readonly KnownFieldNames SignalFields = new("position", "wifiScan", "activityRecord");

    private static readonly KnownFieldNames PositionFields = new(
        "LatLng", "latLng", "accuracyMeters", "altitudeMeters", "source", "timestamp", "speedMetersPerSecond");

    public string FormatId => "google.location.timeline-android";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"semanticSegments\""u8) >= 0 || (head.IndexOf("\"rawSignals\""u8) >= 0 && head.IndexOf("\"position\""u8) >= 0);
        var name = sample.FileName.Equals("Timeline.json", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        var segments = new OnDeviceSegmentParser(sink, unknown, "$.semanticSegments[]");
        sink.SetVariant("timeline-android");
        return EmptyEntries.ReadJsonAsync(content, sink, async stream =>
        {
            await new JsonElementStream(["semanticSegments", "rawSignals"]).ReadAsync(
                stream,
                (array, element, offset) =>
                {
                    if (array == "semanticSegments")
                    {
                        segments.Read(element, offset);
                    }
                    else
                    {
                        ReadSignal(element, offset, sink, unknown);
                    }
                },
                (property, _) =>
                {
                    if (!TopLevelFields.Contains(property))
                    {
                        unknown.Report("$." + property, "(top-level value)");
                    }
                },
                cancellationToken);
        });
    }

    /// <summary>Adds the fix of a position signal (other signals hold no fix); refuses a signal that is not an object or a position without time or place.</summary>
    private static void ReadSignal(ReadOnlySpan<byte> element, long offset, IImportSink sink, UnknownFieldLog unknown)
    {
        var reader = new Utf8JsonReader(element);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The raw signal at byte {offset} is not an object and was not stored.");
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("position"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadPosition(ref reader, offset, sink, unknown);
                continue;
            }

            unknown.Check("$.rawSignals[]", name, ref reader, SignalFields);
            reader.Skip();
        }
    }

    private static void ReadPosition(ref Utf8JsonReader reader, long offset, IImportSink sink, UnknownFieldLog unknown)
    {
        int latitude = 0, longitude = 0;
        var hasPosition = false;
        byte coordinateDigits = 0, timeDigits = 0;
        DateTime? time = null;
        long? accuracy = null, altitude = null;
        double? speed = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("LatLng"u8) || name.SequenceEqual("latLng"u8))
            {
                hasPosition = LatLngText.TryRead(ref reader, out latitude, out longitude, out coordinateDigits);
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                time = TimelineTime.TryRead(ref reader, out var t, out _) ? t : null;
                timeDigits = TimeDigits.OfIso(ref reader);
            }
            else if (name.SequenceEqual("accuracyMeters"u8))
            {
                accuracy = JsonFields.TryGetInt64(ref reader, out var value) ? value : null;
            }
            else if (name.SequenceEqual("altitudeMeters"u8))
            {
                altitude = JsonFields.TryGetInt64(ref reader, out var value) ? value : null;
            }
            else if (name.SequenceEqual("speedMetersPerSecond"u8))
            {
                speed = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
            }
            else
            {
                unknown.Check("$.rawSignals[].position", name, ref reader, PositionFields);
            }

            reader.Skip();
        }

        if (!hasPosition)
        {
            sink.RejectRecord(RejectReason.MissingCoordinates, $"The position signal at byte {offset} has no readable LatLng and was not stored.");
        }
        else if (time is not { } at)
        {
            sink.RejectRecord(RejectReason.MissingTime, $"The position signal at byte {offset} has no readable timestamp and was not stored.");
        }
        else
        {
            sink.AddLocation(new LocationFix(
                at, latitude, longitude, ToInt(accuracy), ToInt(altitude), speed is { } mps ? ToInt((long)Math.Round(mps)) : null, Source: "rawSignal")
            {
                CoordinateDigits = coordinateDigits,
                TimeDigits = timeDigits,
            });
        }
    }

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;
}
