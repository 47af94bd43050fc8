using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Builds visits and activity segments the same way for every Timeline generation (semantic
/// history, Android and iOS on-device exports), so the same visit exported twice in two shapes
/// gets the same identity and is stored once.
/// </summary>
internal static class TimelineRecords
{
    public static PersonalRecord PlaceVisit(
        DateTime start, DateTime? end, string? placeId, string? title, string? text, (int Latitude, int Longitude)? at, JsonObject source) => new()
        {
            Kind = RecordKind.PlaceVisit,

            // A place id alone repeats for every visit to the place; with the start it names one visit.
            Identity = string.IsNullOrEmpty(placeId)
                ? RecordIdentity.FromContent("google.place-visit", start, end, at?.Latitude, at?.Longitude)
                : RecordIdentity.Native("google.place-visit", placeId + "@" + TimelineTime.Format(start)),
            OccurredAt = start,
            EndedAt = end,
            Title = title,
            Text = text,
            LatitudeE7 = at?.Latitude,
            LongitudeE7 = at?.Longitude,
            Source = source,
        };

    /// <summary>
    /// The identity is the time span alone: one person cannot be on two segments with the same start
    /// and end, and the activity type differs between generations (and after edits) for the same trip.
    /// </summary>
    public static PersonalRecord ActivitySegment(
        DateTime start, DateTime? end, string? activityType, (int Latitude, int Longitude)? startAt, JsonObject source) => new()
        {
            Kind = RecordKind.ActivitySegment,
            Identity = RecordIdentity.FromContent("google.activity-segment", start, end),
            OccurredAt = start,
            EndedAt = end,
            Title = ActivityTypeNames.Normalise(activityType),
            LatitudeE7 = startAt?.Latitude,
            LongitudeE7 = startAt?.Longitude,
            Source = source,
        };
}
