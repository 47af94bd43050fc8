using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>Sums an import's rows in <c>imports.files</c> and <c>imports.unknown_fields</c> into its report.</summary>
internal sealed class ImportReportQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Errors listed in a report; the full list stays in imports.files.</summary>
    public const int MaxErrors = 1000;

    /// <summary>The import's file rows in the order they were written, optionally of one status.</summary>
    public async Task<IReadOnlyList<ImportFileReport>> ReadFilesAsync(
        Guid importId, string userId, string? status, int offset, int limit, CancellationToken cancellationToken)
    {
        var reports = new List<ImportFileReport>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT entry_key, status, format_id, variant, bytes, counts->'inserted', coalesce((counts->>'duplicates')::bigint, 0), error
            FROM imports.files
            WHERE import_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY file_id
            OFFSET $3 LIMIT $4
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, offset) });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = new KindCounts();
            stored.AddJson(reader.IsDBNull(5) ? null : reader.GetString(5));
            reports.Add(new ImportFileReport(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), stored.Total, reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return reports;
    }

    public async Task<ImportTotals> ReadAsync(Guid importId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        long imported = 0, skipped = 0, failed = 0, unchanged = 0, rejected = 0, bytes = 0, duplicates = 0;
        var inserted = new KindCounts();
        await using (var files = new NpgsqlCommand(
            "SELECT status, coalesce(bytes, 0), counts->'inserted', coalesce((counts->>'duplicates')::bigint, 0) FROM imports.files WHERE import_id = $1",
            connection, transaction))
        {
            files.Parameters.Add(new NpgsqlParameter { Value = importId });
            await using var reader = await files.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                switch (EntryStatuses.Parse(reader.GetString(0)))
                {
                    case EntryStatus.Imported: imported++; break;
                    case EntryStatus.Skipped: skipped++; break;
                    case EntryStatus.Failed: failed++; break;
                    case EntryStatus.Unchanged: unchanged++; break;
                    case EntryStatus.Rejected: rejected++; break;
                    default: break;
                }

                bytes += reader.GetInt64(1);
                inserted.AddJson(reader.IsDBNull(2) ? null : reader.GetString(2));
                duplicates += reader.GetInt64(3);
            }
        }

        long unknownFields;
        await using (var unknown = new NpgsqlCommand("SELECT count(*) FROM imports.unknown_fields WHERE import_id = $1", connection, transaction))
        {
            unknown.Parameters.Add(new NpgsqlParameter { Value = importId });
            unknownFields = (long)(await unknown.ExecuteScalarAsync(cancellationToken))!;
        }

        var errors = new List<ImportFileError>();
        await using (var failures = new NpgsqlCommand(
            $"SELECT entry_key, coalesce(error, status) FROM imports.files WHERE import_id = $1 AND status IN ('failed', 'rejected') ORDER BY file_id LIMIT {MaxErrors}",
            connection, transaction))
        {
            failures.Parameters.Add(new NpgsqlParameter { Value = importId });
            await using var reader = await failures.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                errors.Add(new ImportFileError(reader.GetString(0), reader.GetString(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var total = imported + skipped + failed + unchanged + rejected;
        return new ImportTotals(new ImportFileCounts(total, imported, skipped, failed, unchanged, rejected), bytes, inserted, duplicates, unknownFields, errors);
    }
}
