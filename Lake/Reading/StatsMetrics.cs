namespace Datapunk.Lake.Reading;

/// <summary>
/// The daily metrics, each computed from what the readers store (Lake/Formats): counts by the day a
/// record occurred, Spotify's own play lengths, Fit's own step counts, and distance from the fixes.
/// </summary>
public static class StatsMetrics
{
    /// <summary>Faster than any airliner: a pair of consecutive fixes implying more (340 m/s) is a jump, not travel.</summary>
    public const double MaxKilometresPerSecond = 0.34;

    private static readonly string CountOfKind = $"""
        SELECT {LocalClockSql.RecordDay}, count(*)::float8
        FROM user_data.records r
        WHERE r.user_id = @user AND r.kind = @kind AND r.occurred_at >= @start AND r.occurred_at < @end AND {SourceRemovals.Happened("r")}
        GROUP BY 1
        """;

    private static readonly string FixDay = LocalClockSql.DayNumber("p.time", LocalClockSql.OffsetAt("p.time"));

    private static readonly StatsMetricSql[] All =
    [
        new(new("records", "records", "Records of one kind (kind=) by the local day they occurred; calendar events cancelled or deleted at their source did not occur.", NeedsKind: true), CountOfKind, 0),
        new(new("location_fixes", "fixes", "Location fixes stored for the day.", NeedsKind: false), $"""
            SELECT {FixDay}, count(*)::float8
            FROM timeseries.location_points p
            WHERE p.user_id = @user AND p.time >= @start AND p.time < @end
            GROUP BY 1
            """, 0),
        new(new("distance_km", "km",
            $"Distance travelled: great-circle lengths between consecutive fixes, each counted on the day of its later fix; a pair implying more than {MaxKilometresPerSecond * 1000:0} m/s is a jump and is left out. Null on days where no pair ends.",
            NeedsKind: false), $"""
            SELECT bucket, sum(km)
            FROM (
                SELECT {LocalClockSql.DayNumber("time", LocalClockSql.OffsetAt("time"))} AS bucket, extract(epoch FROM time - prev_time) AS seconds,
                       2 * 6371.0088 * asin(least(1, sqrt(
                           power(sin(radians(lat - prev_lat) / 2), 2) + cos(radians(prev_lat)) * cos(radians(lat)) * power(sin(radians(lng - prev_lng) / 2), 2)))) AS km
                FROM (
                    SELECT p.time, p.lat_e7 / 1e7::float8 AS lat, p.lng_e7 / 1e7::float8 AS lng,
                           lag(p.time) OVER w AS prev_time, lag(p.lat_e7) OVER w / 1e7::float8 AS prev_lat, lag(p.lng_e7) OVER w / 1e7::float8 AS prev_lng
                    FROM timeseries.location_points p
                    WHERE p.user_id = @user AND p.time >= @start AND p.time < @end
                    WINDOW w AS (ORDER BY p.time, p.lat_e7, p.lng_e7)
                ) fixes
                WHERE prev_time IS NOT NULL
            ) pairs
            WHERE km <= {MaxKilometresPerSecond} * seconds
            GROUP BY bucket
            """, null),
        new(new("places_visited", "places", "Distinct places with a visit starting that day (by place id, else by name and position).", NeedsKind: false), $"""
            SELECT {LocalClockSql.RecordDay}, count(DISTINCT {PlaceKeys.Key})::float8
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = {(short)RecordKind.PlaceVisit} AND r.occurred_at >= @start AND r.occurred_at < @end
            GROUP BY 1
            """, 0),
        new(new("listening_minutes", "minutes", "Spotify listening time (ms_played or msPlayed of each play), on the day each play ended.", NeedsKind: false), $"""
            SELECT {LocalClockSql.RecordDay},
                   sum(CASE WHEN jsonb_typeof(r.source -> 'ms_played') = 'number' THEN (r.source ->> 'ms_played')::float8
                            WHEN jsonb_typeof(r.source -> 'msPlayed') = 'number' THEN (r.source ->> 'msPlayed')::float8 END) / 60000
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = {(short)RecordKind.SpotifyPlay} AND r.occurred_at >= @start AND r.occurred_at < @end
            GROUP BY 1
            """, 0),
        new(new("youtube_watches", "videos", "YouTube videos watched (watch history entries).", NeedsKind: false),
            CountOfKind, 0, RecordKind.YoutubeWatch),
        new(new("steps", "steps",
            "Google Fit's step count of the day (its 'Step count' column, English exports); Fit days are calendar dates, taken as they are in any zone. Null on days Fit has no count for.",
            NeedsKind: false), $"""
            SELECT (r.occurred_at AT TIME ZONE 'UTC')::date - @first_date + 1, sum((r.source ->> 'Step count')::float8)
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = {(short)RecordKind.FitDay} AND jsonb_typeof(r.source -> 'Step count') = 'number'
              AND r.occurred_at >= @first_date::timestamp AT TIME ZONE 'UTC' AND r.occurred_at < (@last_date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY 1
            """, null),
    ];

    /// <summary>Every metric, as <c>GET /api/v1/stats/metrics</c> lists them.</summary>
    public static IReadOnlyList<StatsMetric> List { get; } = [.. All.Select(metric => metric.Metric)];

    internal static StatsMetricSql? Find(string name) => All.FirstOrDefault(metric => metric.Metric.Name == name);
}
