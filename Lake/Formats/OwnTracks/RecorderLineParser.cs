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
    private readonly List<(string Name, string Example)> _pendingUnknown = [];
    private OwnTracksMessage.OtherField? _otherField;
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
            _otherField ??= CheckOtherField;
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
        _pendingUnknown.Clear();
        var message = OwnTracksMessage.Read(json, _otherField);
        if (!message.IsLocation)
        {
            var key = message.Type ?? "(no _type)";
            _ignored[key] = _ignored.GetValueOrDefault(key) + 1;
            return;
        }

        foreach (var (name, example) in _pendingUnknown)
        {
            _unknown.Report("location." + name, example);
        }

        if (message.Latitude is not { } lat || message.Longitude is not { } lon)
        {
            Reject(RejectReason.MissingCoordinates, lineNumber, "is a location without lat and lon");
            return;
        }

        if (!TryTime(message.Epoch, prefix, out var time))
        {
            Reject(RejectReason.MissingTime, lineNumber, "is a location without a usable time");
            return;
        }

        // tst is whole seconds, and so is the line's own time.
        sink.AddLocation(message.ToFix(time, lat, lon));
    }

    private void CheckOtherField(OwnTracksMessage message, ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        if (message.IsLocation)
        {
            _unknown.Check("location", name, ref reader, LocationFields);
        }
        else if (message.Type is null && !LocationFields.Contains(name))
        {
            // Only a location's fields are checked, and _type is not always first: keep them until it comes.
            _pendingUnknown.Add((Encoding.UTF8.GetString(name), JsonFields.Example(ref reader)));
        }
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

    private void Reject(RejectReason reason, long lineNumber, string problem) =>
        sink.RejectRecord(reason, $"Line {lineNumber} {problem}; it was not stored.");
}
