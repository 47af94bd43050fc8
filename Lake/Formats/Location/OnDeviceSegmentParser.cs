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
            sink.RejectRecord(RejectReason.Unparseable, $"The timeline segment at byte {offset} is not an object and was not stored.");
            return;
        }

        DateTime? start = null, end = null;
        bool startHasZone = false, endHasZone = false, hasRecord = false;
        long? startOffset = null, endOffset = null;
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
                ReadPath(ref reader, offset);
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
        AddPath(startUtc, startOffset, offset);

        if (hasRecord)
        {
            AddRecords(element, offset, startUtc, endUtc);
        }
    }

    /// <summary>Reads a timelinePath array up to its end, refusing the points without a position or any time.</summary>
    private void ReadPath(ref Utf8JsonReader reader, long offset)
    {
        var index = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                sink.RejectRecord(RejectReason.Unparseable, $"timelinePath point {index} of the segment at byte {offset} is not an object and was not stored.");
                reader.Skip();
                continue;
            }

            int latitude = 0, longitude = 0;
            var hasPosition = false;
            byte coordinateDigits = 0, timeDigits = 0;
            DateTime? time = null;
            var hasZone = false;
            double? minutes = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("point"u8))
                {
                    hasPosition = LatLngText.TryRead(ref reader, out latitude, out longitude, out coordinateDigits);
                }
                else if (name.SequenceEqual("time"u8))
                {
                    time = TimelineTime.TryRead(ref reader, out var t, out hasZone) ? t : null;
                    timeDigits = TimeDigits.OfIso(ref reader);
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

            if (!hasPosition)
            {
                sink.RejectRecord(RejectReason.MissingCoordinates, $"timelinePath point {index} of the segment at byte {offset} has no readable point and was not stored.");
            }
            else if (time is null && minutes is null)
            {
                sink.RejectRecord(RejectReason.MissingTime, $"timelinePath point {index} of the segment at byte {offset} has no time and was not stored.");
            }
            else
            {
                _path.Add(new TimelinePathPoint(latitude, longitude, coordinateDigits, time, timeDigits, hasZone, minutes));
            }
        }
    }

    /// <summary>
    /// Adds the path's points as fixes: timed by their own time, or (iOS) by whole minutes after the
    /// segment's start, which is then their precision as well (whole seconds at best).
    /// </summary>
    private void AddPath(DateTime? start, long? startOffset, long offset)
    {
        foreach (var point in _path)
        {
            DateTime? time = point.Time is { } t
                ? TimelineTime.Resolve(t, point.TimeHasZone, startOffset)
                : start is { } s && point.MinutesFromStart is { } minutes && Math.Abs(minutes) < 100_000 ? s.AddMinutes(minutes) : null;
            if (time is { } at)
            {
                sink.AddLocation(new LocationFix(at, point.LatitudeE7, point.LongitudeE7, Source: "timelinePath")
                {
                    CoordinateDigits = point.CoordinateDigits,
                    TimeDigits = point.Time is null ? (byte)0 : point.TimeDigits,
                });
            }
            else
            {
                sink.RejectRecord(RejectReason.MissingTime, $"A timelinePath point of the segment at byte {offset} is timed from a start the segment does not have; it was not stored.");
            }
        }
    }

    private void AddRecords(ReadOnlySpan<byte> element, long offset, DateTime? start, DateTime? end)
    {
        if (start is not { } startUtc)
        {
            sink.RejectRecord(RejectReason.MissingTime, $"The timeline segment at byte {offset} has no start time; its visit or activity was not stored.");
            return;
        }

        JsonObject? segment;
        try
        {
            segment = JsonNode.Parse(element) as JsonObject;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The timeline segment at byte {offset} cannot be read as an object ({exception.Message}) and was not stored.");
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
        return text is not null && LatLngText.TryParse(text, out var latitude, out var longitude, out _) ? (latitude, longitude) : null;
    }
}
