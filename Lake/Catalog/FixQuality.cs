namespace Datapunk.Lake.Catalog;

/// <summary>
/// The quality measures of a location-fix dataset (docs/catalog.md, "Quality"), over its newest
/// <see cref="CatalogLimits.QualityWindow"/> fixes of the 90 days up to its newest fix. A fix's id is
/// <c>location_points:TIME@LAT,LNG</c>.
/// </summary>
internal static class FixQuality
{
    /// <summary>Fastest a ground source may seem to move between consecutive fixes.</summary>
    public const double MaxSpeedMps = 300;

    /// <summary>An accuracy radius is an outlier above ten times the window's 90th percentile, and never at or below this.</summary>
    public const int RadiusOutlierFloorMetres = 1000;

    /// <summary>Fixes of two sources this close in time show the same moment.</summary>
    public const int SameMomentSeconds = 60;

    private static readonly string Step = GreatCircleSql.Metres("o.prev_lat", "o.prev_lng", "o.lat", "o.lng");

    private static readonly string FromBefore = GreatCircleSql.Metres("c.lat", "c.lng", "c.b_lat", "c.b_lng");

    private static readonly string FromAfter = GreatCircleSql.Metres("c.lat", "c.lng", "c.a_lat", "c.a_lng");

    public static readonly string Window = $"""
        WITH w AS MATERIALIZED (
            SELECT p.time, p.lat_e7, p.lng_e7, p.accuracy_m, p.altitude_m, p.velocity_mps, p.heading, p.file_id, p.position
            FROM timeseries.location_points p
            WHERE p.user_id = @user AND p.file_id = ANY(@files) AND p.time >= @last_at - interval '90 days' AND p.time <= @last_at
            ORDER BY p.time DESC LIMIT @limit),
        o AS (
            SELECT w.*, w.lat_e7::float8 / 1e7 AS lat, w.lng_e7::float8 / 1e7 AS lng,
                   'location_points:' || to_char(w.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '@' || (w.lat_e7::float8 / 1e7) || ',' || (w.lng_e7::float8 / 1e7) AS id,
                   lag(w.time) OVER t AS prev_time, lag(w.lat_e7::float8 / 1e7) OVER t AS prev_lat, lag(w.lng_e7::float8 / 1e7) OVER t AS prev_lng
            FROM w WINDOW t AS (ORDER BY w.time)),
        b AS MATERIALIZED (
            SELECT o.*, {Step} AS step_m, extract(epoch FROM o.time - o.prev_time) AS step_s,
                   (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY accuracy_m) FROM w) AS p90
            FROM o),
        others AS (
            SELECT p.time, p.lat_e7::float8 / 1e7 AS lat, p.lng_e7::float8 / 1e7 AS lng, coalesce(p.accuracy_m, 0) AS acc
            FROM timeseries.location_points p
            WHERE p.user_id = @user AND NOT (p.file_id = ANY(@files))
              AND p.time >= (SELECT min(time) FROM w) - interval '{SameMomentSeconds} seconds' AND p.time <= @last_at + interval '{SameMomentSeconds} seconds'
            ORDER BY p.time DESC LIMIT @limit),
        u AS (
            SELECT b.time, b.lat, b.lng, coalesce(b.accuracy_m, 0) AS acc, b.id FROM b
            UNION ALL SELECT others.time, others.lat, others.lng, others.acc, NULL FROM others),
        c AS (
            SELECT u.*,
                   CASE WHEN lag(u.id) OVER t IS NULL THEN lag(u.time) OVER t END AS b_time, lag(u.lat) OVER t AS b_lat, lag(u.lng) OVER t AS b_lng, lag(u.acc) OVER t AS b_acc,
                   CASE WHEN lead(u.id) OVER t IS NULL THEN lead(u.time) OVER t END AS a_time, lead(u.lat) OVER t AS a_lat, lead(u.lng) OVER t AS a_lng, lead(u.acc) OVER t AS a_acc
            FROM u WINDOW t AS (ORDER BY u.time, u.id NULLS FIRST)),
        pairs AS MATERIALIZED (
            SELECT c.id,
                   CASE WHEN c.b_time >= c.time - interval '{SameMomentSeconds} seconds' THEN {FromBefore}
                        - (100 + c.acc + c.b_acc + 50 * extract(epoch FROM c.time - c.b_time)) END AS before_excess,
                   CASE WHEN c.a_time <= c.time + interval '{SameMomentSeconds} seconds' THEN {FromAfter}
                        - (100 + c.acc + c.a_acc + 50 * extract(epoch FROM c.a_time - c.time)) END AS after_excess
            FROM c WHERE c.id IS NOT NULL),
        d AS MATERIALIZED (
            SELECT b.*, pairs.before_excess, pairs.after_excess FROM b LEFT JOIN pairs ON pairs.id = b.id)
        """;

    public static IReadOnlyList<QualityMeasure> Measures { get; } =
    [
        new(QualityDimensions.Completeness, "A fix is complete when it has its time, position and accuracy radius (time and position cannot be missing).", "true",
            "SELECT id, 'no accuracy radius' AS reason FROM d WHERE accuracy_m IS NULL"),
        new(QualityDimensions.Validity,
            "A fix is valid when its accuracy radius is not negative, heading within 0..360, speed within 0..1000 m/s, altitude within -500..10000 m and time between 1990 and a day after the refresh.",
            "true",
            """
            SELECT id, concat_ws('; ',
                CASE WHEN accuracy_m < 0 THEN 'negative accuracy radius ' || accuracy_m END,
                CASE WHEN heading NOT BETWEEN 0 AND 360 THEN 'heading ' || heading END,
                CASE WHEN velocity_mps NOT BETWEEN 0 AND 1000 THEN 'speed ' || velocity_mps || ' m/s' END,
                CASE WHEN altitude_m NOT BETWEEN -500 AND 10000 THEN 'altitude ' || altitude_m || ' m' END,
                CASE WHEN time > now() + interval '1 day' OR time < '1990-01-01' THEN 'time ' || time END) AS reason
            FROM d
            WHERE accuracy_m < 0 OR heading NOT BETWEEN 0 AND 360 OR velocity_mps NOT BETWEEN 0 AND 1000 OR altitude_m NOT BETWEEN -500 AND 10000
               OR time > now() + interval '1 day' OR time < '1990-01-01'
            """),
        new(QualityDimensions.Accuracy,
            $"A fix is accurate unless reaching it from the fix before takes more than {MaxSpeedMps:0} m/s (impossible on the ground), or its accuracy radius is an outlier: above ten times the window's 90th percentile and above {RadiusOutlierFloorMetres} m.",
            "true",
            $"""
            SELECT id, concat_ws('; ',
                CASE WHEN step_m / greatest(step_s, 1) > {MaxSpeedMps} THEN round(step_m) || ' m in ' || round(step_s::numeric, 1) || ' s from the fix before (' || round((step_m / greatest(step_s, 1))::numeric) || ' m/s)' END,
                CASE WHEN accuracy_m > greatest({RadiusOutlierFloorMetres}, 10 * p90) THEN 'accuracy radius ' || accuracy_m || ' m, 90th percentile ' || round(p90::numeric) || ' m' END) AS reason
            FROM d WHERE step_m / greatest(step_s, 1) > {MaxSpeedMps} OR accuracy_m > greatest({RadiusOutlierFloorMetres}, 10 * p90)
            """),
        new(QualityDimensions.Consistency,
            $"Where another source has a fix within {SameMomentSeconds} s (the neighbour before or after in time), the two agree: they are at most 100 m plus both accuracy radii plus 50 m per second between them apart. Checked: the fixes that have such a neighbour.",
            "d.before_excess IS NOT NULL OR d.after_excess IS NOT NULL",
            "SELECT id, round(greatest(before_excess, after_excess)::numeric) || ' m further from another source''s fix of the same moment than they may be' AS reason FROM d WHERE before_excess > 0 OR after_excess > 0"),
        new(QualityDimensions.Uniqueness,
            "A fix is unique unless the fix before it is less than a second and 2 m away: a near-duplicate the import's identity (time and position to 1e-7°) did not catch.",
            "true",
            "SELECT id, 'near-duplicate of the fix ' || round(step_s::numeric, 3) || ' s and ' || round(step_m::numeric, 2) || ' m before' AS reason FROM d WHERE step_s < 1 AND step_m < 2"),
        new(QualityDimensions.Integrity,
            "A fix's reference to its source file resolves: the file and its import exist.",
            "true",
            "SELECT id, 'source file ' || file_id || ' does not exist' AS reason FROM d WHERE NOT EXISTS (SELECT 1 FROM imports.files f JOIN imports.jobs j ON j.import_id = f.import_id WHERE f.file_id = d.file_id)"),
        new(QualityDimensions.Conformity,
            "A fix conforms when its coordinates are WGS84 degrees in range, not the 0,0 of a missing position, and its E7 integers agree with its stored point to 1e-6°.",
            "true",
            """
            SELECT id, concat_ws('; ',
                CASE WHEN abs(lat_e7) > 900000000 OR abs(lng_e7) > 1800000000 THEN 'coordinates out of range' END,
                CASE WHEN lat_e7 = 0 AND lng_e7 = 0 THEN 'position 0,0' END,
                CASE WHEN abs(ST_Y(position::geometry) - lat) > 1e-6 OR abs(ST_X(position::geometry) - lng) > 1e-6
                     THEN 'E7 coordinates ' || lat || ',' || lng || ' disagree with the point ' || round(ST_Y(position::geometry)::numeric, 6) || ',' || round(ST_X(position::geometry)::numeric, 6) END) AS reason
            FROM d
            WHERE abs(lat_e7) > 900000000 OR abs(lng_e7) > 1800000000 OR (lat_e7 = 0 AND lng_e7 = 0)
               OR abs(ST_Y(position::geometry) - lat) > 1e-6 OR abs(ST_X(position::geometry) - lng) > 1e-6
            """),
    ];
}
