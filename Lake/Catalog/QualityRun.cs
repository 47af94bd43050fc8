using System.Text;
using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Runs a dataset's quality measures as one statement over its window (its newest <see cref="CatalogLimits.QualityWindow"/>
/// rows, prepared by <c>window</c>, which ends in a CTE <c>d</c>): per measure, how many rows it checked, how many
/// failed and the first <see cref="CatalogLimits.FailingRows"/> failing rows by id. Set-based: each measure is one
/// pass over the window.
/// </summary>
internal static class QualityRun
{
    public static async Task<IReadOnlyList<QualityScore>> RunAsync(
        ReadTransaction read, string userId, DatasetFacts dataset, string window, IReadOnlyList<QualityMeasure> measures, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(window);
        sql.Append(", checks AS (");
        sql.Append(string.Join(" UNION ALL ", measures.Select((measure, i) =>
            $"SELECT {i} AS measure, count(*) FILTER (WHERE {measure.Checked}) AS checked, NULL::text AS id, NULL::text AS reason FROM d " +
            $"UNION ALL SELECT {i}, NULL, f.id, f.reason FROM ({measure.Failing}) AS f")));
        sql.Append($"""
            )
            SELECT measure, sum(checked), count(id),
                   (array_agg(id ORDER BY id) FILTER (WHERE id IS NOT NULL))[1:{CatalogLimits.FailingRows}],
                   (array_agg(reason ORDER BY id) FILTER (WHERE id IS NOT NULL))[1:{CatalogLimits.FailingRows}]
            FROM checks GROUP BY measure ORDER BY measure
            """);
        await using var command = DatasetParameters.Add(read.Command(sql.ToString()), userId, dataset, CatalogLimits.QualityWindow);
        var scores = new List<QualityScore>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var measure = measures[reader.GetInt32(0)];
            var (checkedRows, failed) = (reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(2));
            var ids = reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3);
            var reasons = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
            scores.Add(Score(measure.Dimension, checkedRows, failed, measure.Measure, [.. ids.Zip(reasons, (id, reason) => new FailingRow(id, reason))]));
        }

        return scores;
    }

    /// <summary>The score of a measure: the share of checked rows that pass; null when it checked nothing.</summary>
    public static QualityScore Score(string dimension, long checkedRows, long failed, string measure, IReadOnlyList<FailingRow> rows) =>
        new(dimension, checkedRows == 0 ? null : Math.Round(1.0 - (double)Math.Min(failed, checkedRows) / checkedRows, 4), checkedRows, failed, measure, rows);

    /// <summary>A dimension that does not apply to the dataset, and why.</summary>
    public static QualityScore NotApplicable(string dimension, string why) => new(dimension, null, 0, 0, why, []);
}
