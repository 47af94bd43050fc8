using Datapunk.Lake.Catalog.Pii;
using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Counts the personal identifiers <see cref="PiiScanner"/> finds in a dataset's text fields, per field and kind, over
/// a sample of its newest rows (<see cref="CatalogLimits.PiiSample"/>): the records' title, body and URL and each
/// top-level value of their source, a table's text cells, an original's file name. Location fixes have no text; their
/// sensitive part is where the user sleeps (<see cref="HomeLocationFinder"/>).
/// </summary>
internal static class PiiSampler
{
    public static async Task<IReadOnlyList<PiiFieldFindings>> ScanAsync(ReadTransaction read, string userId, DatasetFacts dataset, CancellationToken cancellationToken)
    {
        if (TextOf(dataset) is not { } texts)
        {
            return [];
        }

        var sampled = new Dictionary<string, long>(StringComparer.Ordinal);
        var found = new Dictionary<(string Field, string Kind), long>();
        await using (var command = DatasetParameters.Add(read.Command(texts), userId, dataset, CatalogLimits.PiiSample))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var field = reader.GetString(0);
                sampled[field] = sampled.GetValueOrDefault(field) + 1;
                foreach (var finding in PiiScanner.Scan(reader.GetString(1)))
                {
                    var key = (field, PiiKindNames.Of(finding.Kind));
                    found[key] = found.GetValueOrDefault(key) + 1;
                }
            }
        }

        return [.. found.OrderBy(pair => pair.Key.Field, StringComparer.Ordinal).ThenBy(pair => pair.Key.Kind, StringComparer.Ordinal)
            .Select(pair => new PiiFieldFindings(pair.Key.Field, pair.Key.Kind, pair.Value, sampled[pair.Key.Field], null))];
    }

    /// <summary>A query yielding (field, text) for each non-empty text value of the dataset's sample, or null for a dataset without text.</summary>
    private static string? TextOf(DatasetFacts dataset)
    {
        if (dataset.Id.StartsWith("fixes:", StringComparison.Ordinal) || DatasetSamples.For(dataset) is not { } sample)
        {
            return null;
        }

        var columns = sample.Columns.Where(column => column.Type == "text").Select(column => $"('{column.Name}', {column.Expression})");
        var parts = new List<string>();
        if (columns.Any())
        {
            parts.Add($"SELECT v.field, v.value FROM s, LATERAL (VALUES {string.Join(", ", columns)}) AS v(field, value)");
        }

        if (sample.JsonColumn is { } json)
        {
            var prefix = dataset.Id.StartsWith("table:", StringComparison.Ordinal) ? "" : $"{json}.";
            parts.Add($"""
                SELECT '{prefix}' || e.key, e.value #>> ARRAY[]::text[] FROM s,
                LATERAL jsonb_each(CASE WHEN jsonb_typeof(s.{json}) = 'object' THEN s.{json} ELSE jsonb_build_object() END) AS e(key, value)
                WHERE jsonb_typeof(e.value) IN ('string', 'object', 'array')
                """);
        }

        return parts.Count == 0 ? null
            : $"WITH s AS MATERIALIZED ({sample.Select}) SELECT * FROM ({string.Join(" UNION ALL ", parts)}) AS t(field, value) WHERE coalesce(value, '') <> ''";
    }
}
