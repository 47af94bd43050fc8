using System.Text;
using System.Text.Json;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.OwnTracks;

/// <summary>
/// Reads recorder lines <c>2019-07-01T10:12:45Z&lt;TAB&gt;*&lt;TAB&gt;{json}</c> (older files separate with
/// spaces). Location messages become fixes; transitions, waypoints, last wills and the rest are
/// normal traffic, counted rather than reported one by one. A broken line is a refused record naming
/// its line number: a recorder killed mid-write leaves one, and the years of lines around it are good.
/// </summary>
internal sealed class RecorderLineParser(IImportSink sink)
{
    private static readonly KnownFieldNames LocationFields = new(
        "_type", "lat", "lon", "tst", "acc", "alt", "vel", "cog", "batt", "bs", "tid", "t", "conn", "vac", "p", "m", "BSSID", "SSID",
        "inregions", "inrids", "topic", "created_at", "_id", "poi", "tag", "image", "imagename", "motionactivities", "source", "_http");

    private readonly SortedDictionary<string, int> _ignored = new(StringComparer.Ordinal);
    private readonly UnknownFieldLog _unknown = new(sink);
    private bool _variantSet;

    public void Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        var brace = line.IndexOf((byte)'{');
        if (brace < 0)
        {
            Reject(RejectReason.Unparseable, lineNumber, "has no JSON message");
            return;
        }

        if (!_variantSet)
        {
            _variantSet = true;
            sink.SetVariant(line[..brace].IndexOf((byte)'\t') >= 0 ? "recorder-tab" : "recorder-space");
        }

        try
        {
            ReadMessage(line[brace..], line[..brace], lineNumber);
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Split([" LineNumber:", " Path:"], StringSplitOptions.None)[0].TrimEnd(' ', '.');
            Reject(RejectReason.Unparseable, lineNumber, $"is not valid JSON at column {brace + (exception.BytePositionInLine ?? 0) + 1} ({reason})");
        }
    }

    /// <summary>Reports what was skipped, once, after the last line.</summary>
    public void Finish()
    {
        if (_ignored.Count > 0)
        {
            var counts = string.Join(", ", _ignored.Select(pair => $"{pair.Key}: {pair.Value}"));
            sink.ReportWarning($"Skipped {_ignored.Values.Sum()} message(s) that are not locations ({counts}); recorder files normally hold them, they are not errors.");
        }
    }

    public void RejectTooLong(long lineNumber) => Reject(RejectReason.Unparseable, lineNumber, "is too long to be a recorder message");

    private void ReadMessage(ReadOnlySpan<byte> json, ReadOnlySpan<byte> prefix, long lineNumber)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        string? type = null;
        double? latitude = null, longitude = null;
        byte digits = LocationFix.MaxCoordinateDigits;
        long? epoch = null, accuracy = null, altitude = null, speedKmh = null, course = null;
        List<(string Name, string Example)>? unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("_type"u8))
            {
                type = reader.TokenType != JsonTokenType.String ? "(not a string)"
                    : reader.ValueTextEquals("location"u8) ? "location" : reader.GetString();
            }
            else if (name.SequenceEqual("lat"u8))
            {
                latitude = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
                digits = Math.Min(digits, NumberDecimals(ref reader));
            }
            else if (name.SequenceEqual("lon"u8))
            {
                longitude = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
                digits = Math.Min(digits, NumberDecimals(ref reader));
            }
            else if (name.SequenceEqual("tst"u8))
            {
                epoch = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("acc"u8))
            {
                accuracy = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("alt"u8))
            {
                altitude = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("vel"u8))
            {
                speedKmh = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("cog"u8))
            {
                course = ReadLong(ref reader);
            }
            else if (type == "location")
            {
                _unknown.Check("location", name, ref reader, LocationFields);
            }
            else if (type is null && !LocationFields.Contains(name))
            {
                // Only a location's fields are checked, and _type is not always first: keep them until it comes.
                (unknown ??= []).Add((Encoding.UTF8.GetString(name), JsonFields.Example(ref reader)));
            }

            reader.Skip();
        }

        if (type != "location")
        {
            var key = type ?? "(no _type)";
            _ignored[key] = _ignored.GetValueOrDefault(key) + 1;
            return;
        }

        foreach (var (name, example) in unknown ?? [])
        {
            _unknown.Report("location." + name, example);
        }

        if (latitude is not { } lat || longitude is not { } lon)
        {
            Reject(RejectReason.MissingCoordinates, lineNumber, "is a location without lat and lon");
            return;
        }

        if (!TryTime(epoch, prefix, out var time))
        {
            Reject(RejectReason.MissingTime, lineNumber, "is a location without a usable time");
            return;
        }

        var fix = new LocationFix(
            time,
            LocationFix.ToE7(lat),
            LocationFix.ToE7(lon),
            ToInt(accuracy),
            ToInt(altitude),

            // OwnTracks reports speed in km/h; fixes keep metres per second.
            speedKmh is { } kmh ? ToInt((long)Math.Round(kmh / 3.6)) : null,
            ToInt(course),
            "owntracks")
        {
            CoordinateDigits = digits,

            // tst is whole seconds, and so is the line's own time.
            TimeDigits = 0,
        };
        sink.AddLocation(fix);
    }

    /// <summary>Decimals of the current token as written (OwnTracks writes numbers; a string holding one counts the same).</summary>
    private static byte NumberDecimals(ref Utf8JsonReader reader)
    {
        const int OnStack = 64;
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return LocationFix.MaxCoordinateDigits;
        }

        // Read for every fix: the number's characters go on the stack, not into a string.
        var number = reader.ValueSpan;
        Span<char> chars = number.Length <= OnStack ? stackalloc char[OnStack] : new char[number.Length];
        return LatLngText.Decimals(chars[..Encoding.ASCII.GetChars(number, chars)]);
    }

    /// <summary>The message's <c>tst</c> (epoch seconds), else the line's own ISO time.</summary>
    private static bool TryTime(long? epoch, ReadOnlySpan<byte> prefix, out DateTime time)
    {
        if (epoch is { } seconds && Timestamps.TryFromEpoch(seconds, EpochUnit.Seconds, out time))
        {
            return true;
        }

        var trimmed = prefix.TrimStart(" \t"u8);
        var end = trimmed.IndexOfAny(" \t"u8);
        return Timestamps.TryParse(Encoding.UTF8.GetString(end < 0 ? trimmed : trimmed[..end]), out time);
    }

    private static long? ReadLong(ref Utf8JsonReader reader) => JsonFields.TryGetInt64(ref reader, out var value) ? value : null;

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    private void Reject(RejectReason reason, long lineNumber, string problem) =>
        sink.RejectRecord(reason, $"Line {lineNumber} {problem}; it was not stored.");
}
