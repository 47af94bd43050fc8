namespace Datapunk.Lake.Catalog;

/// <summary>
/// The quality measures of an uploaded table (docs/catalog.md, "Quality"), over its first
/// <see cref="CatalogLimits.QualityWindow"/> rows against the columns its upload declared. A row's id is
/// <c>table:NAME:ROW</c>.
/// </summary>
internal static class TableQuality
{
    public const string Window = """
        WITH t AS (SELECT table_id, name, columns, row_count FROM user_data.user_tables WHERE user_id = @user AND name = @name),
        w AS MATERIALIZED (
            SELECT r.row_number, r.row_values FROM user_data.user_table_rows r
            WHERE r.user_id = @user AND r.table_id = (SELECT table_id FROM t) ORDER BY r.row_number LIMIT @limit),
        d AS MATERIALIZED (
            SELECT w.*, 'table:' || (SELECT name FROM t) || ':' || w.row_number AS id,
                   lag(w.row_values) OVER (ORDER BY w.row_values::text, w.row_number) AS same_before
            FROM w),
        cells AS (
            SELECT d.id, c->>'name' AS name, c->>'type' AS type, d.row_values -> (c->>'name') AS value
            FROM d, t, jsonb_array_elements(t.columns) AS c)
        """;

    private const string TypeMismatch = """
        CASE type
            WHEN 'bigint' THEN jsonb_typeof(value) <> 'number' OR value::text ~ '[.eE]'
            WHEN 'double precision' THEN jsonb_typeof(value) <> 'number'
            WHEN 'numeric' THEN jsonb_typeof(value) <> 'number'
            WHEN 'boolean' THEN jsonb_typeof(value) <> 'boolean'
            WHEN 'date' THEN jsonb_typeof(value) <> 'string' OR value #>> '{}' !~ '^\d{4}-\d{2}-\d{2}$'
            WHEN 'timestamptz' THEN jsonb_typeof(value) <> 'string' OR value #>> '{}' !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}'
            ELSE jsonb_typeof(value) <> 'string' END
        """;

    public static IReadOnlyList<QualityMeasure> Measures { get; } =
    [
        new(QualityDimensions.Completeness, "A row is complete when every declared column has a value (not null, not empty text).", "true",
            """
            SELECT id, 'missing ' || string_agg(name, ', ' ORDER BY name) AS reason FROM cells
            WHERE value IS NULL OR jsonb_typeof(value) = 'null' OR value = '""'::jsonb GROUP BY id
            """),
        new(QualityDimensions.Validity, "A row is valid when each value has its column's declared type (integers without fractions, dates as YYYY-MM-DD, timestamps as ISO 8601).", "true",
            $"""
            SELECT id, string_agg(name || ' is not ' || type, '; ' ORDER BY name) AS reason FROM cells
            WHERE value IS NOT NULL AND jsonb_typeof(value) <> 'null' AND ({TypeMismatch}) GROUP BY id
            """),
        new(QualityDimensions.Uniqueness, "A row is unique unless an earlier row holds exactly the same values.", "true",
            "SELECT id, 'same values as an earlier row' AS reason FROM d WHERE row_values = same_before"),
        new(QualityDimensions.Integrity, "The table's rows are all there: as many rows stored as its upload counted (checked once per table).", "d.row_number = 1",
            "SELECT 'table:' || name AS id, 'upload counted ' || row_count || ' rows, ' || (SELECT count(*) FROM user_data.user_table_rows r WHERE r.table_id = t.table_id) || ' are stored' AS reason FROM t WHERE row_count <> (SELECT count(*) FROM user_data.user_table_rows r WHERE r.table_id = t.table_id)"),
        new(QualityDimensions.Conformity, "A row conforms when its timestamps carry a zone (Z or an offset), so they mean one instant.", "true",
            """
            SELECT id, string_agg(name || ' has no zone', '; ' ORDER BY name) AS reason FROM cells
            WHERE type = 'timestamptz' AND jsonb_typeof(value) = 'string' AND value #>> '{}' !~ '(Z|[+-]\d{2}(:?\d{2})?)$' GROUP BY id
            """),
    ];

    public static IReadOnlyList<QualityScore> NotApplicable { get; } =
    [
        QualityRun.NotApplicable(QualityDimensions.Accuracy, "Does not apply: an uploaded table has no positions or times the catalog knows the meaning of."),
        QualityRun.NotApplicable(QualityDimensions.Consistency, "Does not apply: no other source holds the same rows."),
        QualityRun.NotApplicable(QualityDimensions.Timeliness, "Does not apply: an uploaded table is a snapshot with no cadence."),
    ];
}
