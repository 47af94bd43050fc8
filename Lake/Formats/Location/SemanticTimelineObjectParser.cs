using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using static Datapunk.Lake.Formats.Common.JsonNodeFields;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Turns one semantic timeline object into a visit or activity record plus the timestamped points of
/// its <c>simplifiedRawPath</c>. Every object becomes a record that keeps its JSON, so each is parsed
/// into a node tree once (they are kilobytes, not the millions of points of Records.json). Waypoints
/// (<c>latE7</c>/<c>lngE7</c>, no time) are not fixes and stay in the record's source; the raw path is
/// taken out of the source because its points are stored as fixes.
/// </summary>
internal sealed class SemanticTimelineObjectParser(IImportSink sink)
{
    private const string Root = "$.timelineObjects[]";

    private static readonly KnownFieldNames PlaceVisitFields = new(
        "location", "duration", "placeConfidence", "centerLatE7", "centerLngE7", "visitConfidence", "otherCandidateLocations",
        "editConfirmationStatus", "locationConfidence", "placeVisitType", "placeVisitImportance", "childVisits", "simplifiedRawPath",
        "lastEditedTimestamp");

    private static readonly KnownFieldNames ActivitySegmentFields = new(
        "startLocation", "endLocation", "duration", "distance", "activityType", "confidence", "activities", "waypointPath",
        "simplifiedRawPath", "transitPath", "parkingEvent", "editConfirmationStatus", "lastEditedTimestamp");

    private static readonly KnownFieldNames LocationFields = new(
        "latitudeE7", "longitudeE7", "placeId", "address", "name", "semanticType", "sourceInfo", "locationConfidence",
        "calibratedProbability", "accuracyMetres");

    private static readonly KnownFieldNames DurationFields = new("startTimestamp", "endTimestamp", "startTimestampMs", "endTimestampMs");

    private bool _variantSet;

    public UnknownFieldLog Unknown { get; } = new(sink);

    public void Read(ReadOnlySpan<byte> element, long offset)
    {
        JsonObject? timelineObject;
        try
        {
            timelineObject = JsonNode.Parse(element) as JsonObject;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Duplicate property names pass the syntax check but cannot become a node tree.
            timelineObject = null;
        }

        if (timelineObject is null)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The timeline object at byte {offset} is not a readable JSON object and was not stored.");
            return;
        }

        var known = false;
        foreach (var (name, value) in timelineObject)
        {
            switch (name)
            {
                case "placeVisit":
                    known = true;
                    ReadPlaceVisit(timelineObject, value as JsonObject, offset);
                    break;
                case "activitySegment":
                    known = true;
                    ReadActivitySegment(timelineObject, value as JsonObject, offset);
                    break;
                default:
                    Unknown.ReportValue(Root + "." + name, value);
                    break;
            }
        }

        if (!known)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The timeline object at byte {offset} is neither a placeVisit nor an activitySegment and was not stored.");
        }
    }

    private void ReadPlaceVisit(JsonObject timelineObject, JsonObject? visit, long offset)
    {
        const string path = Root + ".placeVisit";
        if (visit is null)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The placeVisit at byte {offset} is not an object and was not stored.");
            return;
        }

        Unknown.Check(path, visit, PlaceVisitFields);
        var location = visit["location"] as JsonObject;
        Unknown.Check(path + ".location", location, LocationFields);
        AddRawPath(visit, path, offset);
        if (!TryReadDuration(visit, path, out var start, out var end))
        {
            sink.RejectRecord(RejectReason.MissingTime, $"The placeVisit at byte {offset} has no start time and was not stored.");
            return;
        }

        var name = Text(location?["name"]);
        var address = Text(location?["address"]);
        sink.AddRecord(TimelineRecords.PlaceVisit(
            start,
            end,
            Text(location?["placeId"]),
            name ?? address?.ReplaceLineEndings(", "),
            name is null ? null : address,
            E7(location, "latitudeE7", "longitudeE7") ?? E7(visit, "centerLatE7", "centerLngE7"),
            timelineObject));
    }

    private void ReadActivitySegment(JsonObject timelineObject, JsonObject? segment, long offset)
    {
        const string path = Root + ".activitySegment";
        if (segment is null)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"The activitySegment at byte {offset} is not an object and was not stored.");
            return;
        }

        Unknown.Check(path, segment, ActivitySegmentFields);
        Unknown.Check(path + ".startLocation", segment["startLocation"], LocationFields);
        AddRawPath(segment, path, offset);
        if (!TryReadDuration(segment, path, out var start, out var end))
        {
            sink.RejectRecord(RejectReason.MissingTime, $"The activitySegment at byte {offset} has no start time and was not stored.");
            return;
        }

        // Some segments have an empty startLocation {} and coordinates only in their waypoints.
        var firstWaypoint = ((segment["waypointPath"] as JsonObject)?["waypoints"] as JsonArray)?.FirstOrDefault();
        var type = Text(segment["activityType"]) ?? Text(((segment["activities"] as JsonArray)?.FirstOrDefault() as JsonObject)?["activityType"]);
        sink.AddRecord(TimelineRecords.ActivitySegment(
            start,
            end,
            type,
            E7(segment["startLocation"], "latitudeE7", "longitudeE7") ?? E7(firstWaypoint, "latE7", "lngE7"),
            timelineObject));
    }

    private bool TryReadDuration(JsonObject owner, string path, out DateTime start, out DateTime? end)
    {
        start = default;
        end = null;
        var duration = owner["duration"] as JsonObject;
        Unknown.Check(path + ".duration", duration, DurationFields);
        if (duration is null)
        {
            return false;
        }

        var legacy = duration["startTimestamp"] is null && duration["startTimestampMs"] is not null;
        if (!_variantSet)
        {
            _variantSet = true;
            sink.SetVariant(legacy ? "semantic-timestampMs" : "semantic-iso");
        }

        if (TryTime(duration["endTimestamp"] ?? duration["endTimestampMs"], out var endTime))
        {
            end = endTime;
        }

        return TryTime(duration["startTimestamp"] ?? duration["startTimestampMs"], out start);
    }

    private void AddRawPath(JsonObject owner, string path, long offset)
    {
        if (owner["simplifiedRawPath"] is not JsonObject rawPath)
        {
            return;
        }

        owner.Remove("simplifiedRawPath");
        var index = 0;
        foreach (var point in rawPath["points"] as JsonArray ?? [])
        {
            var timeNode = point?["timestamp"] ?? point?["timestampMs"];
            var where = $"simplifiedRawPath point {index++} of the {path[(Root.Length + 1)..]} at byte {offset}";
            if (E7(point, "latE7", "lngE7") is not { } at)
            {
                sink.RejectRecord(RejectReason.MissingCoordinates, $"The {where} has no latE7 or lngE7 and was not stored.");
            }
            else if (!TryTime(timeNode, out var time))
            {
                sink.RejectRecord(
                    timeNode is null ? RejectReason.MissingTime : RejectReason.UnreadableTime,
                    $"The {where} has {(timeNode is null ? "no" : "an unreadable")} timestamp and was not stored.");
            }
            else
            {
                sink.AddLocation(new LocationFix(time, at.Latitude, at.Longitude, ToInt(Integer(point?["accuracyMeters"])), Source: "simplifiedRawPath")
                {
                    TimeDigits = DigitsOf(timeNode),
                });
            }
        }
    }

    private static byte DigitsOf(JsonNode? time) =>
        time is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? TimeDigits.OfIso(value.GetValue<string>())
            : Integer(time) is { } ms ? TimeDigits.OfEpochMilliseconds(ms) : LocationFix.MillisecondDigits;

    private static bool TryTime(JsonNode? node, out DateTime utc)
    {
        utc = default;
        return node is JsonValue value && value.GetValueKind() switch
        {
            JsonValueKind.String => Timestamps.TryParse(value.GetValue<string>(), out utc),
            JsonValueKind.Number => Integer(value) is { } ms && Timestamps.TryFromEpoch(ms, EpochUnit.Milliseconds, out utc),
            _ => false,
        };
    }

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;
}
