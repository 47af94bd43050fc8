namespace Datapunk.Lake.Catalog;

/// <summary>
/// The quality measures of the derived sets (docs/catalog.md, "Quality"): the promoted places, the record
/// embeddings and the model registry, each over its newest <see cref="CatalogLimits.QualityWindow"/> rows.
/// Dimensions a derived set has no measure for are listed as not applying, with the reason.
/// </summary>
internal static class GoldQuality
{
    private const string Places = """
        WITH d AS MATERIALIZED (
            SELECT p.*, 'place:' || p.place_id AS id FROM analytics.places p
            JOIN analytics.model_versions v ON v.user_id = p.user_id AND v.kind = 'places' AND v.version = p.version
            WHERE v.user_id = @user AND v.status = 'promoted' ORDER BY p.dwell_seconds DESC LIMIT @limit)
        """;

    private const string Embeddings = """
        WITH d AS MATERIALIZED (
            SELECT e.kind, e.identity, k.name || ':' || e.identity AS id FROM vectors.record_embeddings e
            JOIN user_data.record_kinds k ON k.kind = e.kind
            WHERE e.user_id = @user ORDER BY e.embedded_at DESC LIMIT @limit)
        """;

    private const string Models = """
        WITH d AS MATERIALIZED (
            SELECT v.*, 'model:' || v.kind || ':' || v.version AS id FROM analytics.model_versions v
            WHERE v.user_id = @user ORDER BY v.created_at DESC LIMIT @limit)
        """;

    public static (string Window, IReadOnlyList<QualityMeasure> Measures)? For(string dataset) => dataset switch
    {
        "gold:places" => (Places,
        [
            new(QualityDimensions.Completeness, "A place is complete when it has a name (from the export, the gazetteer or the user).", "true",
                "SELECT id, 'no name' AS reason FROM d WHERE coalesce(btrim(name), '') = ''"),
            new(QualityDimensions.Validity, "A place is valid when its centre is in range, its radius positive, it has visits and its last visit is not before its first.", "true",
                """
                SELECT id, 'centre, radius, visits or span out of range' AS reason FROM d
                WHERE latitude NOT BETWEEN -90 AND 90 OR longitude NOT BETWEEN -180 AND 180 OR radius_m <= 0 OR visits <= 0 OR last_visit < first_visit
                """),
            new(QualityDimensions.Integrity, "A place is referenced by at least one stay of its model version (the stays it was learned from).", "true",
                "SELECT id, 'no stay refers to it' AS reason FROM d WHERE NOT EXISTS (SELECT 1 FROM analytics.place_stays s WHERE s.user_id = d.user_id AND s.version = d.version AND s.place_id = d.place_id)"),
        ]),
        "gold:embeddings" => (Embeddings,
        [
            new(QualityDimensions.Integrity, "A vector's record exists: a record deleted or re-keyed since leaves an orphan vector.", "true",
                "SELECT id, 'its record does not exist' AS reason FROM d WHERE NOT EXISTS (SELECT 1 FROM user_data.records r WHERE r.user_id = @user AND r.kind = d.kind AND r.identity = d.identity)"),
        ]),
        "gold:models" => (Models,
        [
            new(QualityDimensions.Validity, "A model version is valid unless its training failed.", "true",
                "SELECT id, 'training failed: ' || coalesce(error, 'no reason recorded') AS reason FROM d WHERE status = 'failed'"),
            new(QualityDimensions.Completeness, "A finished model version has its data window (the span it learned from).", "d.status <> 'training'",
                "SELECT id, 'no data window' AS reason FROM d WHERE status <> 'training' AND (data_from IS NULL OR data_to IS NULL)"),
        ]),
        _ => null,
    };
}
