using System.Text.Json;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// <c>Timeline Edits.json</c>, what a 2024+ Takeout keeps of the server-side timeline:
/// <c>{"timelineEdits":[{deviceId, rawSignal:{signal:{position:{point:{latE7,lngE7}, accuracyMm,
/// timestamp}}} | placeAggregates:{…}}]}</c>. Positions with a time become fixes; aggregated places
/// have no time and give nothing. Points are found wherever they nest (a <c>point</c> object or
/// direct <c>latE7</c>/<c>lngE7</c> beside a <c>timestamp</c>), because the nesting is undocumented.
/// </summary>
public sealed class TimelineEditsReader : IExportFormatReader
{
    private const int MaxDepth = 256;

    private static readonly KnownFieldNames EditFields = new("deviceId", "rawSignal", "placeAggregates");

    public string FormatId => "google.location.timeline-edits";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = sample.Head.Span.IndexOf("\"timelineEdits\""u8) >= 0;
        var name = sample.FileName.Equals("Timeline Edits.json", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        sink.SetVariant("timeline-edits");
        return EmptyEntries.ReadJsonAsync(content, sink, stream => new JsonElementStream(["timelineEdits"]).ReadAsync(
            stream,
            (_, element, offset) => ReadEdit(element, offset, sink, unknown),
            (property, _) => unknown.Report("$." + property, "(top-level value)"),
            cancellationToken));
    }

    private static void ReadEdit(ReadOnlySpan<byte> element, long offset, IImportSink sink, UnknownFieldLog unknown)
    {
        var reader = new Utf8JsonReader(element, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The timeline edit at byte {offset} is not an object and was not stored.");
            return;
        }

        ScanObject(ref reader, sink, unknown, topLevel: true, out _, out _);
    }

    /// <summary>
    /// Walks one object (the reader is on its start) and adds a fix for every object that has
    /// coordinates and a time. True when the object has coordinates, so that a parent can take
    /// those of its <c>point</c> child.
    /// </summary>
    private static bool ScanObject(ref Utf8JsonReader reader, IImportSink sink, UnknownFieldLog unknown, bool topLevel, out int latitudeE7, out int longitudeE7)
    {
        long? latitude = null, longitude = null, accuracyMm = null, altitude = null;
        double? speed = null;
        DateTime? time = null;
        byte timeDigits = LocationFix.MillisecondDigits;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (topLevel)
            {
                unknown.Check("$.timelineEdits[]", name, ref reader, EditFields);
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (ScanObject(ref reader, sink, unknown, false, out var pointLatitude, out var pointLongitude) && name.SequenceEqual("point"u8))
                {
                    (latitude, longitude) = (pointLatitude, pointLongitude);
                }
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                ScanArray(ref reader, sink, unknown);
            }
            else if (name.SequenceEqual("latE7"u8) || name.SequenceEqual("latitudeE7"u8))
            {
                latitude = JsonFields.TryGetInt64(ref reader, out var value) ? JsonFields.CorrectE7(value) : null;
            }
            else if (name.SequenceEqual("lngE7"u8) || name.SequenceEqual("longitudeE7"u8))
            {
                longitude = JsonFields.TryGetInt64(ref reader, out var value) ? JsonFields.CorrectE7(value) : null;
            }
            else if (name.SequenceEqual("timestamp"u8) || name.SequenceEqual("timestampMs"u8))
            {
                time = TimelineTime.TryRead(ref reader, out var t, out _) ? t
                    : JsonFields.TryGetInt64(ref reader, out var ms) && Timestamps.TryFromEpoch(ms, EpochUnit.Milliseconds, out t) ? t : null;
                timeDigits = reader.TokenType == JsonTokenType.String && !JsonFields.TryGetInt64(ref reader, out _)
                    ? TimeDigits.OfIso(ref reader)
                    : JsonFields.TryGetInt64(ref reader, out var epoch) ? TimeDigits.OfEpochMilliseconds(epoch) : LocationFix.MillisecondDigits;
            }
            else if (name.SequenceEqual("accuracyMm"u8))
            {
                accuracyMm = JsonFields.TryGetInt64(ref reader, out var value) ? value : null;
            }
            else if (name.SequenceEqual("altitudeMeters"u8))
            {
                altitude = JsonFields.TryGetInt64(ref reader, out var value) ? value : null;
            }
            else if (name.SequenceEqual("speedMetersPerSecond"u8))
            {
                speed = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
            }
        }

        latitudeE7 = (int)(latitude ?? 0);
        longitudeE7 = (int)(longitude ?? 0);
        if (latitude is null || longitude is null)
        {
            return false;
        }

        if (time is { } at)
        {
            // accuracyMm is millimetres; fixes keep whole metres, rounded up so a 0.4 m fix is not "exact".
            var fix = new LocationFix(
                at, latitudeE7, longitudeE7,
                accuracyMm is { } mm ? (int)Math.Clamp((mm + 999) / 1000, 0, int.MaxValue) : null,
                altitude is { } a ? (int)Math.Clamp(a, int.MinValue, int.MaxValue) : null,
                speed is { } s && double.IsFinite(s) ? (int)Math.Round(s) : null,
                Source: "timelineEdit") { TimeDigits = timeDigits };
            sink.AddLocation(fix);
        }

        return true;
    }

    private static void ScanArray(ref Utf8JsonReader reader, IImportSink sink, UnknownFieldLog unknown)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ScanObject(ref reader, sink, unknown, false, out _, out _);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                ScanArray(ref reader, sink, unknown);
            }
        }
    }
}
