using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using static Datapunk.Lake.Formats.Common.JsonNodeFields;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Reads one semantic segment of the on-device Timeline export, in either shape: Android
/// (<c>placeId</c>, <c>{"latLng":"50.05°, 14.34°"}</c>, absolute point times, numbers as numbers) and
/// iOS (<c>placeID</c>, <c>"geo:47.36,8.53"</c>, <c>durationMinutesOffsetFromStartTime</c>, numbers as
/// strings). Path points are the bulk of the file and are read with <see cref="Utf8JsonReader"/>;
/// only visits and activities, which become records that keep their JSON, are parsed into nodes.
/// Path windows overlap visits, activities and each other, so the same point can be emitted twice;
/// the importer stores fixes once per (time, latitude, longitude).
/// </summary>
internal sealed class OnDeviceSegmentParser(IImportSink sink, UnknownFieldLog unknown, string segmentPath)
{
    private static readonly KnownFieldNames SegmentFields = new(
        "startTime", "endTime", "startTimeTimezoneUtcOffsetMinutes", "endTimeTimezoneUtcOffsetMinutes", "visit", "activity", "timelinePath",
        "timelineMemory");

    private static readonly KnownFieldNames PathPointFields = new("point", "time", "durationMinutesOffsetFromStartTime");

    private static readonly KnownFieldNames VisitFields = new("hierarchyLevel", "probability", "topCandidate", "isTimelessVisit");

    private static readonly KnownFieldNames PlaceCandidateFields = new("placeId", "placeID", "semanticType", "probability", "placeLocation");

    private static readonly KnownFieldNames ActivityFields = new("start", "end", "distanceMeters", "probability", "topCandidate", "parking");

    private static readonly KnownFieldNames ActivityCandidateFields = new("type", "probability");

    private readonly List<TimelinePathPoint> _path = [];

    public void Read(ReadOnlySpan<byte> element, long offset)
    {
        var reader = new Utf8JsonReader(element);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            sink.ReportWarning($"The timeline segment at byte {offset} is not an object and was skipped.");
            return;
        }

        DateTime? start = null, end = null;
        bool startHasZone = false, endHasZone = false, hasRecord = false;
        long? startOffset = null, endOffset = null;
        var badPoints = 0;
        _path.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("startTime"u8))
            {
                start = TimelineTime.TryRead(ref reader, out var time, out startHasZone) ? time : null;
            }
            else if (name.SequenceEqual("endTime"u8))
            {
                end = TimelineTime.TryRead(ref reader, out var time, out endHasZone) ? time : null;
            }
            else if (name.SequenceEqual("startTimeTimezoneUtcOffsetMinutes"u8))
            {
                startOffset = JsonFields.TryGetInt64(ref reader, out var minutes) ? minutes : null;
            }
            else if (name.SequenceEqual("endTimeTimezoneUtcOffsetMinutes"u8))
            {
                endOffset = JsonFields.TryGetInt64(ref reader, out var minutes) ? minutes : null;
            }
            else if (name.SequenceEqual("timelinePath"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                badPoints += ReadPath(ref reader);
            }
            else if (name.SequenceEqual("visit"u8) || name.SequenceEqual("activity"u8))
            {
                hasRecord = true;
            }
            else
            {
                unknown.Check(segmentPath, name, ref reader, SegmentFields);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        var startUtc = start is { } s ? TimelineTime.Resolve(s, startHasZone, startOffset) : (DateTime?)null;
        var endUtc = end is { } e ? TimelineTime.Resolve(e, endHasZone, endOffset ?? startOffset) : (DateTime?)null;
        badPoints += AddPath(startUtc, startOffset);
        if (badPoints > 0)
        {
            sink.ReportWarning($"{badPoints} timelinePath point(s) of the segment at byte {offset} have no usable time or position and were skipped.");
        }

        if (hasRecord)
        {
            AddRecords(element, offset, startUtc, endUtc);
        }
    }

    /// <summary>Reads a timelinePath array up to its end; returns how many points were unusable.</summary>
    private int ReadPath(ref Utf8JsonReader reader)
    {
        var bad = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                bad++;
                reader.Skip();
                continue;
            }

            int latitude = 0, longitude = 0;
            var hasPosition = false;
            DateTime? time = null;
            var hasZone = false;
            double? minutes = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("point"u8))
                {
                    hasPosition = LatLngText.TryRead(ref reader, out latitude, out longitude);
                }
                else if (name.SequenceEqual("time"u8))
                {
                    time = TimelineTime.TryRead(ref reader, out var t, out hasZone) ? t : null;
                }
                else if (name.SequenceEqual("durationMinutesOffsetFromStartTime"u8))
                {
                    minutes = JsonFields.TryGetDouble(ref reader, out var m) ? m : null;
                }
                else
                {
                    unknown.Check(segmentPath + ".timelinePath[]", name, ref reader, PathPointFields);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (hasPosition && (time is not null || minutes is not null))
            {
                _path.Add(new TimelinePathPoint(latitude, longitude, time, hasZone, minutes));
            }
            else
            {
                bad++;
            }
        }

        return bad;
    }

    private int AddPath(DateTime? start, long? startOffset)
    {
        var bad = 0;
        foreach (var point in _path)
        {
            DateTime? time = point.Time is { } t
                ? TimelineTime.Resolve(t, point.TimeHasZone, startOffset)
                : start is { } s && point.MinutesFromStart is { } minutes && Math.Abs(minutes) < 100_000 ? s.AddMinutes(minutes) : null;
            if (time is { } at)
            {
                sink.AddLocation(new LocationFix(at, point.LatitudeE7, point.LongitudeE7, Source: "timelinePath"));
            }
            else
            {
                bad++;
            }
        }

        return bad;
    }

    private void AddRecords(ReadOnlySpan<byte> element, long offset, DateTime? start, DateTime? end)
    {
        if (start is not { } startUtc)
        {
            sink.ReportWarning($"The timeline segment at byte {offset} has no start time; its visit or activity was skipped.");
            return;
        }

        JsonObject? segment;
        try
        {
            segment = JsonNode.Parse(element) as JsonObject;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            sink.ReportWarning($"The timeline segment at byte {offset} cannot be read as an object ({exception.Message}) and was skipped.");
            return;
        }

        if (segment?["visit"] is JsonObject visit)
        {
            var candidate = visit["topCandidate"] as JsonObject;
            unknown.Check(segmentPath + ".visit", visit, VisitFields);
            unknown.Check(segmentPath + ".visit.topCandidate", candidate, PlaceCandidateFields);
            sink.AddRecord(TimelineRecords.PlaceVisit(
                startUtc,
                end,
                Text(candidate?["placeId"]) ?? Text(candidate?["placeID"]),
                ActivityTypeNames.PlaceTitle(Text(candidate?["semanticType"])),
                null,
                Coordinates(candidate?["placeLocation"]),
                segment));
        }

        if (segment?["activity"] is JsonObject activity)
        {
            var candidate = activity["topCandidate"] as JsonObject;
            unknown.Check(segmentPath + ".activity", activity, ActivityFields);
            unknown.Check(segmentPath + ".activity.topCandidate", candidate, ActivityCandidateFields);
            sink.AddRecord(TimelineRecords.ActivitySegment(startUtc, end, Text(candidate?["type"]), Coordinates(activity["start"]), segment));
        }
    }

    /// <summary>iOS writes a place as "geo:47.36,8.53"; Android as {"latLng":"47.36°, 8.53°"}.</summary>
    private static (int Latitude, int Longitude)? Coordinates(JsonNode? node)
    {
        var text = node is JsonObject obj ? Text(obj["latLng"]) ?? Text(obj["LatLng"]) : Text(node);
        return text is not null && LatLngText.TryParse(text, out var latitude, out var longitude) ? (latitude, longitude) : null;
    }
}
