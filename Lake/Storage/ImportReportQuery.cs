using System.Text.Json;
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
            SELECT entry_key, status, format_id, variant, bytes, counts->'inserted', coalesce((counts->>'duplicates')::bigint, 0), error,
                   counts->'read', counts->'matched', counts->'rejected', counts->'rejectedExamples'
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
            stored.AddJson(NullableString(reader, 5));
            var read = new KindCounts();
            read.AddJson(NullableString(reader, 8));
            var matched = new MatchCounts();
            AddMatched(matched, NullableString(reader, 9));
            var rejected = new RejectCounts();
            rejected.AddJson(NullableString(reader, 10));
            var fileStatus = reader.GetString(1);
            var duplicates = reader.GetInt64(6);
            reports.Add(new ImportFileReport(
                reader.GetString(0), fileStatus, NullableString(reader, 2), NullableString(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), stored.Total, duplicates, NullableString(reader, 7))
            {
                // The chunks count the rows validation kept; the rejected ones were read too. An unchanged
                // entry is not parsed: it holds the records it held when first imported, all matched.
                RecordsRead = EntryStatuses.Parse(fileStatus) == EntryStatus.Unchanged ? duplicates : read.Total + rejected.Total,
                Matched = matched.ToDictionary(),
                RejectedRecords = rejected.ToDictionary(),
                RejectedExamples = Examples(NullableString(reader, 11)),
            });
        }

        return reports;
    }

    public async Task<ImportTotals> ReadAsync(Guid importId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        long imported = 0, skipped = 0, failed = 0, unchanged = 0, rejected = 0, bytes = 0, duplicates = 0;
        var inserted = new KindCounts();
        var matched = new MatchCounts();
        var rejectedRecords = new RejectCounts();
        await using (var files = new NpgsqlCommand("""
            SELECT status, coalesce(bytes, 0), counts->'inserted', coalesce((counts->>'duplicates')::bigint, 0), counts->'matched', counts->'rejected'
            FROM imports.files WHERE import_id = $1
            """, connection, transaction))
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
                inserted.AddJson(NullableString(reader, 2));
                duplicates += reader.GetInt64(3);
                AddMatched(matched, NullableString(reader, 4));
                rejectedRecords.AddJson(NullableString(reader, 5));
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
        return new ImportTotals(new ImportFileCounts(total, imported, skipped, failed, unchanged, rejected), bytes, inserted, duplicates, matched, rejectedRecords, unknownFields, errors);
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Rows finished before record identity (migration 0006), and entries never parsed, have no <c>matched</c> object.</summary>
    private static void AddMatched(MatchCounts matched, string? json)
    {
        if (json is not null)
        {
            matched.AddJson(json);
        }
    }

    /// <summary>The stored <c>rejectedExamples</c> array ("reason: which record, where").</summary>
    private static IReadOnlyList<string> Examples(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
