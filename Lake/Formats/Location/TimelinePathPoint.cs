namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// A timelinePath point held until its segment is read to the end: iOS gives only minutes after the
/// segment's start, and a time without an offset needs the segment's offset, which may come later.
/// </summary>
internal readonly record struct TimelinePathPoint(
    int LatitudeE7, int LongitudeE7, byte CoordinateDigits, DateTime? Time, byte TimeDigits, bool TimeHasZone, double? MinutesFromStart);
