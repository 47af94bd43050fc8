namespace Datapunk.Lake.Catalog;

/// <summary>
/// The sample each kind of dataset is described from (<see cref="SchemaSampler"/>) and scanned for PII
/// (<see cref="PiiSampler"/>): its newest rows, read through indexes or a time window, never the whole table.
/// </summary>
internal static class DatasetSamples
{
    private static readonly SampledColumn[] FixColumns =
    [
        new("time", "timestamptz", "s.time::text"), new("latitude", "double", "(s.lat_e7::float8 / 1e7)::text"),
        new("longitude", "double", "(s.lng_e7::float8 / 1e7)::text"), new("accuracy_m", "integer", "s.accuracy_m::text"),
        new("altitude_m", "integer", "s.altitude_m::text"), new("velocity_mps", "integer", "s.velocity_mps::text"),
        new("heading", "integer", "s.heading::text"), new("source", "text", "s.source"),
    ];

    private static readonly SampledColumn[] RecordColumns =
    [
        new("occurred_at", "timestamptz", "s.occurred_at::text"), new("ended_at", "timestamptz", "s.ended_at::text"),
        new("title", "text", "s.title"), new("body", "text", "s.body"), new("url", "text", "s.url"),
        new("position", "point", "CASE WHEN s.position IS NOT NULL THEN round(ST_Y(s.position::geometry)::numeric, 5) || ',' || round(ST_X(s.position::geometry)::numeric, 5) END"),
    ];

    public static DatasetSample? For(DatasetFacts dataset) => dataset.Id switch
    {
        _ when dataset.Id.StartsWith("fixes:", StringComparison.Ordinal) => new(
            """
            SELECT * FROM timeseries.location_points
            WHERE user_id = @user AND file_id = ANY(@files) AND time >= @last_at - interval '7 days' AND time <= @last_at
            ORDER BY time DESC LIMIT @limit
            """, FixColumns),
        _ when dataset.Id.StartsWith("records:", StringComparison.Ordinal) => new(
            """
            SELECT * FROM user_data.records
            WHERE user_id = @user AND kind = @kind AND file_id = ANY(@files)
            ORDER BY occurred_at DESC NULLS LAST LIMIT @limit
            """, RecordColumns, "source"),
        _ when dataset.Id.StartsWith("table:", StringComparison.Ordinal) => new(
            """
            SELECT r.row_values AS row_values FROM user_data.user_table_rows r JOIN user_data.user_tables t ON t.table_id = r.table_id
            WHERE t.user_id = @user AND t.name = @name ORDER BY r.row_number LIMIT @limit
            """, [], "row_values"),
        DatasetNames.Originals => new(
            """
            SELECT u.* FROM imports.uploads u JOIN imports.jobs j ON j.import_id = u.import_id
            WHERE u.user_id = @user AND u.expires_at IS NULL AND u.completed_at IS NOT NULL AND j.finished_at IS NOT NULL
            ORDER BY u.created_at DESC LIMIT @limit
            """, [new("file_name", "text", "s.file_name"), new("bytes", "bigint", "s.length::text"), new("uploaded_at", "timestamptz", "s.created_at::text")]),
        "gold:places" => new(
            """
            SELECT p.* FROM analytics.places p JOIN analytics.model_versions v ON v.user_id = p.user_id AND v.version = p.version
            WHERE v.user_id = @user AND v.kind = 'places' AND v.status = 'promoted' ORDER BY p.dwell_seconds DESC LIMIT @limit
            """,
            [new("name", "text", "s.name"), new("latitude", "double", "s.latitude::text"), new("longitude", "double", "s.longitude::text"),
             new("radius_m", "double", "round(s.radius_m::numeric, 1)::text"), new("visits", "integer", "s.visits::text"),
             new("dwell_seconds", "bigint", "s.dwell_seconds::text"), new("first_visit", "timestamptz", "s.first_visit::text"),
             new("last_visit", "timestamptz", "s.last_visit::text")]),
        "gold:embeddings" => new(
            """
            SELECT e.kind, e.identity, e.embedded_at, m.name AS model, m.dimensions FROM vectors.record_embeddings e
            JOIN vectors.embedding_models m ON m.model_id = e.model_id
            WHERE e.user_id = @user ORDER BY e.embedded_at DESC LIMIT @limit
            """,
            [new("kind", "smallint", "s.kind::text"), new("identity", "text", "s.identity"), new("model", "text", "s.model"),
             new("dimensions", "integer", "s.dimensions::text"), new("embedded_at", "timestamptz", "s.embedded_at::text")]),
        "gold:models" => new(
            "SELECT * FROM analytics.model_versions WHERE user_id = @user ORDER BY created_at DESC LIMIT @limit",
            [new("kind", "text", "s.kind"), new("version", "integer", "s.version::text"), new("status", "text", "s.status"),
             new("data_from", "timestamptz", "s.data_from::text"), new("data_to", "timestamptz", "s.data_to::text"),
             new("reason", "text", "s.reason")], "metrics"),
        _ => null,
    };
}
