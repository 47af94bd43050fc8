using System.Text;
using System.Text.Json;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Location history generations 1 and 2: <c>Location History.json</c> (timestampMs) and
/// <c>Records.json</c> (ISO timestamp, source, deviceTag). Both are one object with a
/// <c>locations</c> array that can hold tens of millions of fixes on a single line.
/// </summary>
public sealed class LocationRecordsReader : IExportFormatReader
{
    private static readonly HashSet<string> KnownFields =
    [
        "timestampMs", "timestamp", "latitudeE7", "longitudeE7", "accuracy", "altitude", "velocity", "heading", "source",
        "activity", "deviceTag", "platformType", "verticalAccuracy", "formFactor", "osLevel", "serverTimestamp",
        "deviceTimestamp", "batteryCharging", "activeWifiScan", "locationMetadata", "placeId", "inferredLocation",
        "deviceDesignation", "batteryLevel",
    ];

    // The same names as UTF-8, so that a field read on every fix (deviceTag, …) is recognised
    // without allocating its name; and the usual sources, so that each fix does not allocate one.
    private static readonly byte[][] KnownFieldsUtf8 = [.. KnownFields.Select(Encoding.UTF8.GetBytes)];
    private static readonly string[] CommonSources = ["WIFI", "GPS", "CELL", "UNKNOWN", "VISIT_ARRIVAL", "VISIT_DEPARTURE"];
    private static readonly byte[][] CommonSourcesUtf8 = [.. CommonSources.Select(Encoding.UTF8.GetBytes)];

    public string FormatId => "google.location.records";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"locations\""u8) >= 0 && (head.IndexOf("\"latitudeE7\""u8) >= 0 || head.IndexOf("\"timestampMs\""u8) >= 0);
        var name = sample.FileName is "Records.json" or "Location History.json" or "Standortverlauf.json";
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var sawIso = false;
        var sawMs = false;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        return new JsonElementStream(["locations"]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                var reader = new Utf8JsonReader(element);
                if (TryReadFix(ref reader, sink, reported, out var fix, out var usedIso) is { } rejected)
                {
                    sink.RejectRecord(rejected, $"The location at byte {offset} {Describe(rejected)} and was not stored.");
                }
                else
                {
                    sawIso |= usedIso;
                    sawMs |= !usedIso;
                    sink.AddLocation(fix);
                }

                if (sawIso || sawMs)
                {
                    sink.SetVariant(sawIso ? "records.json" : "location-history.json");
                }
            },
            (property, _) =>
            {
                if (reported.Add("$." + property))
                {
                    sink.ReportUnknownField("$." + property, "(top-level value)");
                }
            },
            cancellationToken);
    }

    private static string Describe(RejectReason reason) => reason switch
    {
        RejectReason.Unparseable => "is not a JSON object",
        RejectReason.UnreadableTime => "has a time that cannot be read",
        RejectReason.MissingTime => "has no timestamp",
        _ => "has no latitudeE7 or longitudeE7",
    };

    /// <summary>Reads one location; returns why it cannot be a fix, or null when <paramref name="fix"/> is one (the sink checks its range).</summary>
    private static RejectReason? TryReadFix(ref Utf8JsonReader reader, IImportSink sink, HashSet<string> reported, out LocationFix fix, out bool usedIso)
    {
        fix = default;
        usedIso = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RejectReason.Unparseable;
        }

        var sawTime = false;
        byte timeDigits = LocationFix.MillisecondDigits;
        int? device = null;
        DateTime? time = null;
        long? latitude = null, longitude = null, accuracy = null, altitude = null, velocity = null, heading = null;
        string? source = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("latitudeE7"u8))
            {
                latitude = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("longitudeE7"u8))
            {
                longitude = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("timestampMs"u8))
            {
                sawTime = true;
                if (time is null && ReadLong(ref reader) is { } ms && Timestamps.TryFromEpoch(ms, EpochUnit.Milliseconds, out var t))
                {
                    time = t;
                    timeDigits = TimeDigits.OfEpochMilliseconds(ms);
                }
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                sawTime = true;
                if (reader.TokenType == JsonTokenType.String && TryReadTimestamp(ref reader, out var t))
                {
                    time = t;
                    timeDigits = TimeDigits.OfIso(ref reader);
                    usedIso = true;
                }
            }
            else if (name.SequenceEqual("deviceTag"u8))
            {
                device = ReadLong(ref reader) is { } tag ? unchecked((int)tag) : null;
            }
            else if (name.SequenceEqual("accuracy"u8))
            {
                accuracy = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("altitude"u8))
            {
                altitude = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("velocity"u8))
            {
                velocity = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("heading"u8))
            {
                heading = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("source"u8))
            {
                source = reader.TokenType == JsonTokenType.String ? ReadSource(ref reader) : null;
            }
            else if (!IsKnownField(name))
            {
                var field = Encoding.UTF8.GetString(name);
                if (reported.Add(field))
                {
                    sink.ReportUnknownField("$.locations[]." + field, JsonFields.Example(ref reader));
                }
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        if (time is null)
        {
            return sawTime ? RejectReason.UnreadableTime : RejectReason.MissingTime;
        }

        if (latitude is null || longitude is null)
        {
            return RejectReason.MissingCoordinates;
        }

        fix = new LocationFix(
            time.Value, JsonFields.CorrectE7(latitude.Value), JsonFields.CorrectE7(longitude.Value),
            ToInt(accuracy), ToInt(altitude), ToInt(velocity), ToInt(heading), source)
        {
            TimeDigits = timeDigits,
            Device = device,
        };
        return null;
    }

    /// <summary>
    /// "2019-03-04T12:34:56.789Z", as Records.json writes every timestamp, by the JSON reader's own
    /// ISO-8601 parser (no string, a tenth of the general parser's time); anything else by <see cref="Timestamps"/>.
    /// </summary>
    private static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTime utc)
    {
        if (!reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z'] && reader.TryGetDateTimeOffset(out var offset))
        {
            utc = offset.UtcDateTime;
            return true;
        }

        return Timestamps.TryParse(reader.GetString(), out utc);
    }

    private static string? ReadSource(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < CommonSourcesUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(CommonSourcesUtf8[i]))
            {
                return CommonSources[i];
            }
        }

        return reader.GetString();
    }

    private static bool IsKnownField(ReadOnlySpan<byte> name)
    {
        foreach (var known in KnownFieldsUtf8)
        {
            if (name.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

    private static long? ReadLong(ref Utf8JsonReader reader) => JsonFields.TryGetInt64(ref reader, out var value) ? value : null;

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;
}
