namespace Datapunk.Lake.Reading;

/// <summary>
/// The UTC offset an export gave a record itself, in SQL over <c>user_data.records r</c> (seconds, or
/// null): the on-device Timeline exports write each segment's start with its offset
/// ("2024-05-03T10:00:00.000+02:00") and, on Android, <c>startTimeTimezoneUtcOffsetMinutes</c>; the
/// readers keep the segment as the record's source (OnDeviceSegmentParser), so nothing more is stored
/// at import. Offsets beyond the ±14 hours clocks use are not believed.
/// </summary>
internal static class ExportedOffsets
{
    public static readonly string Seconds = $$"""
        (SELECT CASE WHEN o.seconds BETWEEN -43200 AND 50400 THEN o.seconds END
         FROM (SELECT CASE
             WHEN m IS NOT NULL THEN (CASE m[1] WHEN '-' THEN -1 ELSE 1 END) * (m[2]::int * 3600 + m[3]::int * 60)
             WHEN r.source ->> 'startTimeTimezoneUtcOffsetMinutes' ~ '^-?[0-9]{1,4}$' THEN (r.source ->> 'startTimeTimezoneUtcOffsetMinutes')::int * 60
         END AS seconds
         FROM regexp_match(CASE WHEN r.kind IN ({{(short)RecordKind.PlaceVisit}}, {{(short)RecordKind.ActivitySegment}}) THEN r.source ->> 'startTime' END,
                           'T.*([+-])([0-9]{2}):?([0-9]{2})$') AS m) o)
        """;
}
