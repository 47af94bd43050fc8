using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Describes a dataset's fields from a sample of its newest rows (<see cref="CatalogLimits.SchemaSample"/>): each
/// typed column, and each top-level key of its jsonb column (the records' <c>source</c>, a table's row) with the
/// JSON type its values have, how many sampled rows have it and a few distinct example values.
/// </summary>
internal static class SchemaSampler
{
    public static async Task<IReadOnlyList<SchemaField>> DescribeAsync(ReadTransaction read, string userId, DatasetFacts dataset, CancellationToken cancellationToken)
    {
        if (DatasetSamples.For(dataset) is not { } sample)
        {
            return [];
        }

        var parts = new List<string>();
        if (sample.Columns.Count > 0)
        {
            var values = string.Join(", ", sample.Columns.Select((column, i) => $"({i}, '{column.Name}', '{column.Type}', {column.Expression})"));
            parts.Add($"""
                SELECT min(v.ordinal), v.name, v.type, count(v.value), (array_agg(DISTINCT left(v.value, {CatalogLimits.ExampleLength})) FILTER (WHERE v.value IS NOT NULL))[1:{CatalogLimits.Examples}]
                FROM s, LATERAL (VALUES {values}) AS v(ordinal, name, type, value) GROUP BY v.name, v.type
                """);
        }

        if (sample.JsonColumn is { } json)
        {
            var prefix = dataset.Id.StartsWith("table:", StringComparison.Ordinal) ? "" : $"{json}.";
            parts.Add($"""
                SELECT 1000 + min(e.ordinal), '{prefix}' || e.key, jsonb_typeof(e.value), count(*) FILTER (WHERE jsonb_typeof(e.value) <> 'null'),
                       (array_agg(DISTINCT left(e.value #>> ARRAY[]::text[], {CatalogLimits.ExampleLength})) FILTER (WHERE jsonb_typeof(e.value) <> 'null'))[1:{CatalogLimits.Examples}]
                FROM s, LATERAL jsonb_each(CASE WHEN jsonb_typeof(s.{json}) = 'object' THEN s.{json} ELSE jsonb_build_object() END) WITH ORDINALITY AS e(key, value, ordinal)
                GROUP BY e.key, jsonb_typeof(e.value)
                """);
        }

        await using var command = DatasetParameters.Add(
            read.Command($"WITH s AS MATERIALIZED ({sample.Select}) SELECT f.*, (SELECT count(*) FROM s) FROM ({string.Join(" UNION ALL ", parts)}) AS f ORDER BY 1, 2"),
            userId, dataset, CatalogLimits.SchemaSample);
        var fields = new List<SchemaField>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(2);
            // A key whose values are all null in the sample still is a field; its type is unknown.
            fields.Add(new SchemaField(
                reader.GetString(1), type == "null" ? "unknown" : type, reader.GetInt64(3), reader.GetInt64(5),
                reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4)));
        }

        return MergeNullTyped(fields);
    }

    /// <summary>A key seen both with values and only as null is one field of the values' type.</summary>
    private static List<SchemaField> MergeNullTyped(List<SchemaField> fields) =>
        [.. fields.Where(field => field.Type != "unknown" || !fields.Any(other => other.Name == field.Name && other.Type != "unknown"))];
}
