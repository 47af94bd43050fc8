namespace Datapunk.Lake.Catalog;

/// <summary>
/// The quality measures of a records dataset (one kind from one format; docs/catalog.md, "Quality"), over its newest
/// <see cref="CatalogLimits.QualityWindow"/> records. A record's id is <c>kind:identity</c>.
/// </summary>
internal static class RecordQuality
{
    private static readonly string Step = GreatCircleSql.Metres("o.prev_lat", "o.prev_lng", "o.lat", "o.lng");

    private static readonly string Apart = GreatCircleSql.Metres("c.lat", "c.lng", "c.b_lat", "c.b_lng");

    public static readonly string Window = $"""
        WITH w AS MATERIALIZED (
            SELECT r.kind, r.identity, r.occurred_at, r.ended_at, r.title, r.body, r.url, r.position, r.file_id
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = @kind AND r.file_id = ANY(@files)
            ORDER BY r.occurred_at DESC NULLS LAST LIMIT @limit),
        o AS (
            SELECT w.*, @kind_name || ':' || w.identity AS id, ST_Y(w.position::geometry) AS lat, ST_X(w.position::geometry) AS lng,
                   lag(greatest(w.ended_at, w.occurred_at)) OVER t AS prev_end, lag(w.occurred_at) OVER t AS prev_time,
                   lag(ST_Y(w.position::geometry)) OVER t AS prev_lat, lag(ST_X(w.position::geometry)) OVER t AS prev_lng,
                   lag(coalesce(w.title, w.url, w.body)) OVER t AS prev_text
            FROM w WINDOW t AS (ORDER BY w.occurred_at, w.identity)),
        b AS MATERIALIZED (
            SELECT o.*, {Step} AS step_m, greatest(extract(epoch FROM o.occurred_at - o.prev_end), 0) AS step_s FROM o),
        others AS (
            SELECT r.occurred_at, ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = @kind AND NOT (r.file_id = ANY(@files)) AND r.position IS NOT NULL
              AND r.occurred_at >= (SELECT min(occurred_at) FROM w) - interval '1 minute' AND r.occurred_at <= (SELECT max(occurred_at) FROM w) + interval '1 minute'
            ORDER BY r.occurred_at DESC LIMIT @limit),
        u AS (
            SELECT b.occurred_at, b.lat, b.lng, b.id FROM b WHERE b.position IS NOT NULL
            UNION ALL SELECT others.occurred_at, others.lat, others.lng, NULL FROM others),
        c AS (
            SELECT u.*, CASE WHEN lag(u.id) OVER t IS NULL THEN lag(u.occurred_at) OVER t END AS b_time, lag(u.lat) OVER t AS b_lat, lag(u.lng) OVER t AS b_lng
            FROM u WINDOW t AS (ORDER BY u.occurred_at, u.id NULLS FIRST)),
        pairs AS MATERIALIZED (
            SELECT c.id, {Apart} AS apart_m FROM c WHERE c.id IS NOT NULL AND c.b_time >= c.occurred_at - interval '1 minute'),
        d AS MATERIALIZED (
            SELECT b.*, pairs.apart_m FROM b LEFT JOIN pairs ON pairs.id = b.id)
        """;

    public static IReadOnlyList<QualityMeasure> Measures(string? kind)
    {
        var required = RequiredRecordFields.Of(kind);
        var missing = string.Join(", ", required.Select(column => $"CASE WHEN {RequiredRecordFields.Missing(column)} THEN 'missing {column}' END"));
        return
        [
            new(QualityDimensions.Completeness, $"A {kind} record is complete when it has {string.Join(", ", required)} (empty text counts as missing).", "true",
                $"SELECT id, concat_ws('; ', {missing}) AS reason FROM d WHERE {string.Join(" OR ", required.Select(RequiredRecordFields.Missing))}"),
            new(QualityDimensions.Validity,
                "A record is valid when its time lies between 1970 and a day after the refresh, it ends no earlier than it starts, and its URL (if any) has a scheme.",
                "true",
                """
                SELECT id, concat_ws('; ',
                    CASE WHEN occurred_at < '1970-01-01' OR occurred_at > now() + interval '1 day' THEN 'time ' || occurred_at END,
                    CASE WHEN ended_at < occurred_at THEN 'ends before it starts' END,
                    CASE WHEN url IS NOT NULL AND url !~ '^[A-Za-z][A-Za-z0-9+.-]*:' THEN 'URL without a scheme' END) AS reason
                FROM d
                WHERE occurred_at < '1970-01-01' OR occurred_at > now() + interval '1 day' OR ended_at < occurred_at
                   OR (url IS NOT NULL AND url !~ '^[A-Za-z][A-Za-z0-9+.-]*:')
                """),
            new(QualityDimensions.Accuracy,
                $"A record with a position is accurate unless reaching it from the end of the record before takes more than {FixQuality.MaxSpeedMps:0} m/s. Checked: positioned records after a positioned one.",
                "d.position IS NOT NULL AND d.prev_lat IS NOT NULL",
                $"""
                SELECT id, round(step_m) || ' m in ' || round(step_s::numeric) || ' s from the record before (' || round((step_m / greatest(step_s, 1))::numeric) || ' m/s)' AS reason
                FROM d WHERE step_m / greatest(step_s, 1) > {FixQuality.MaxSpeedMps}
                """),
            new(QualityDimensions.Consistency,
                "Where another source has a positioned record of the same kind starting within a minute before, the two are at most 1 km apart. Checked: the positioned records that have one.",
                "d.apart_m IS NOT NULL",
                "SELECT id, round(apart_m) || ' m from another source''s record of the same moment' AS reason FROM d WHERE apart_m > 1000"),
            new(QualityDimensions.Uniqueness,
                "A record is unique unless the record before it has the same text (title, else URL, else body) and starts less than a second earlier: a near-duplicate the import's identity did not catch.",
                "true",
                "SELECT id, 'near-duplicate of the record ' || round(extract(epoch FROM occurred_at - prev_time)::numeric, 3) || ' s before' AS reason FROM d WHERE occurred_at - prev_time < interval '1 second' AND coalesce(title, url, body) = prev_text"),
            new(QualityDimensions.Integrity,
                "A record's reference to its source file resolves: the file and its import exist.",
                "true",
                "SELECT id, 'source file ' || file_id || ' does not exist' AS reason FROM d WHERE NOT EXISTS (SELECT 1 FROM imports.files f JOIN imports.jobs j ON j.import_id = f.import_id WHERE f.file_id = d.file_id)"),
            new(QualityDimensions.Conformity,
                "A record conforms when its text is well formed (no U+FFFD replacement characters from a wrong encoding, no control characters but tab and line breaks) and its position is not the 0,0 of a missing one.",
                "true",
                """
                SELECT id, concat_ws('; ',
                    CASE WHEN concat(title, body) ~ '[\uFFFD]' THEN 'replacement characters (wrong encoding)' END,
                    CASE WHEN concat(title, body) ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]' THEN 'control characters' END,
                    CASE WHEN lat = 0 AND lng = 0 THEN 'position 0,0' END) AS reason
                FROM d WHERE concat(title, body) ~ '[\uFFFD\x01-\x08\x0B\x0C\x0E-\x1F\x7F]' OR (lat = 0 AND lng = 0)
                """),
        ];
    }
}
