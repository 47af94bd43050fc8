using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Finds the silver datasets of a user: location fixes per format (or live protocol) and every other record kind
/// per format, from one grouping pass over each table by source file (a user with ten million fixes: one
/// sequential read of the user's partitions), with each file's import, path, format and whether a connection or a
/// phone produced it.
/// </summary>
internal static class SilverDatasetScan
{
    private const string FileFacts = """
        SELECT p.file_id, p.kind, p.n, p.first_at, p.last_at, f.import_id, f.path, f.format_id,
               coalesce(f.finished_at, f.started_at),
               CASE WHEN f.file_id IS NULL THEN NULL
                    WHEN j.status = 'live' THEN 'live'
                    WHEN EXISTS (SELECT 1 FROM user_data.connections c WHERE c.import_id = f.import_id) THEN 'connection'
                    ELSE 'import' END
        FROM per_file p
        LEFT JOIN imports.files f ON f.file_id = p.file_id
        LEFT JOIN imports.jobs j ON j.import_id = f.import_id
        """;

    private const string Fixes = $"""
        WITH per_file AS (
            SELECT file_id, NULL::smallint AS kind, count(*) AS n, min(time) AS first_at, max(time) AS last_at
            FROM timeseries.location_points WHERE user_id = @user GROUP BY file_id)
        {FileFacts}
        """;

    private const string Records = $"""
        WITH per_file AS (
            SELECT file_id, kind, count(*) AS n, min(occurred_at) AS first_at, max(occurred_at) AS last_at
            FROM user_data.records WHERE user_id = @user GROUP BY file_id, kind)
        {FileFacts}
        """;

    public static async Task<IReadOnlyList<DatasetFacts>> FindAsync(ReadTransaction read, string userId, CancellationToken cancellationToken)
    {
        var rows = new List<FileRow>();
        foreach (var sql in new[] { Fixes, Records })
        {
            await using var command = read.Command(sql);
            command.Parameters.AddWithValue("user", userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new FileRow(
                    reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt16(1), reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }

        return [.. rows.GroupBy(row => row.DatasetId).Select(Facts).OrderBy(facts => facts.Id, StringComparer.Ordinal)];
    }

    private static DatasetFacts Facts(IGrouping<string, FileRow> files)
    {
        var first = files.First();
        var origin = files.Select(file => file.Origin).FirstOrDefault(origin => origin is not null) ?? DatasetOrigins.Import;
        var sources = files.Where(file => file.ImportId is not null)
            .OrderByDescending(file => file.ImportedAt).ThenByDescending(file => file.FileId)
            .Select(file => new DatasetSourceFile(file.FileId, file.ImportId!.Value, file.Path!, file.FormatId, file.Rows, file.ImportedAt ?? DateTimeOffset.MinValue))
            .ToList();
        var unresolved = files.Where(file => file.ImportId is null)
            .Select(file => new DatasetSourceFile(file.FileId, Guid.Empty, "", null, file.Rows, DateTimeOffset.MinValue));
        return new DatasetFacts(
            files.Key, CatalogZones.Silver, origin, first.Format, first.KindName, files.Sum(file => file.Rows),
            files.Min(file => file.FirstAt), files.Max(file => file.LastAt), files.Max(file => file.ImportedAt), [.. sources, .. unresolved]);
    }

    private sealed record FileRow(
        long FileId, short? Kind, long Rows, DateTimeOffset? FirstAt, DateTimeOffset? LastAt,
        Guid? ImportId, string? Path, string? FormatId, DateTimeOffset? ImportedAt, string? Origin)
    {
        public string Format => ImportId is null ? DatasetNames.Unresolved : FormatId ?? "unknown";

        public string? KindName => Kind is { } kind ? ((RecordKind)kind).ToName() : RecordKind.LocationPoint.ToName();

        public string DatasetId => Kind is null ? DatasetNames.Fixes(Format) : DatasetNames.Records(Format, KindName!);
    }
}
