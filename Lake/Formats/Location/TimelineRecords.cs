using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Builds visits and activity segments the same way for every Timeline generation (semantic
/// history, Android and iOS on-device exports), so the same visit exported twice in two shapes
/// gets the same identity and is stored once.
/// </summary>
/// <remarks>
/// Identity scheme 2 (<see cref="RecordIdentity.FromContentV2"/>): semantic history writes
/// milliseconds and E7 positions, the on-device exports whole seconds with an offset and degrees
/// with 6 or 7 decimals, so identities use times in whole UTC seconds and never a position.
/// </remarks>
internal static class TimelineRecords
{
    public static PersonalRecord PlaceVisit(
        DateTime start, DateTime? end, string? placeId, string? title, string? text, (int Latitude, int Longitude)? at, JsonObject source) => new()
        {
            Kind = RecordKind.PlaceVisit,

            Identity = PlaceVisitIdentity(start, end, placeId),
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
            Identity = RecordIdentity.FromContentV2("google.activity-segment", start, end),
            OccurredAt = start,
            EndedAt = end,
            Title = ActivityTypeNames.Normalise(activityType),
            LatitudeE7 = startAt?.Latitude,
            LongitudeE7 = startAt?.Longitude,
            Source = source,
        };

    /// <summary>
    /// A place id alone repeats for every visit to the place; with the start it names one visit.
    /// Without a place id the time span does (one person makes one visit at a time).
    /// </summary>
    private static string PlaceVisitIdentity(DateTime start, DateTime? end, string? placeId) =>
        string.IsNullOrEmpty(placeId)
            ? RecordIdentity.FromContentV2("google.place-visit", start, end)
            : RecordIdentity.FromContentV2("google.place-visit", placeId, start);
}
