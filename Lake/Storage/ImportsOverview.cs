using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Every user's imports as an operator sees them (migration 0053, <c>imports.imports_overview</c>):
/// state, times, sizes and counts, never what was imported. Newest first, a page at a time.
/// </summary>
public sealed class ImportsOverview(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 500;

    /// <summary>Up to <paramref name="limit"/> imports created before <paramref name="before"/> (none: the newest).</summary>
    public async Task<IReadOnlyList<ImportOverview>> ListAsync(int limit, ImportOverviewPosition? before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT * FROM imports.imports_overview($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Clamp(limit, 1, MaxLimit) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = before?.CreatedAt, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = before?.ImportId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var imports = new List<ImportOverview>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            imports.Add(new ImportOverview(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                NullableTime(reader, 4), NullableTime(reader, 5),
                NullableLong(reader, 6), NullableLong(reader, 7) ?? 0, NullableLong(reader, 8) ?? 0,
                NullableLong(reader, 9) ?? 0, NullableLong(reader, 10),
                reader.GetInt64(11), NullableLong(reader, 12) ?? 0, reader.GetInt32(13),
                reader.IsDBNull(14) ? 0 : reader.GetDouble(14), NullableLong(reader, 15)));
        }

        return imports;
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static long? NullableLong(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}

/// <summary>One import without its content: whose, its state and times, files, bytes and records, errors, and what it cost.</summary>
/// <param name="Records">Distinct new records stored, all kinds together.</param>
/// <param name="Errors">How many files failed with an error (their texts are the user's to read).</param>
public sealed record ImportOverview(
    Guid ImportId, string UserId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long? FilesTotal, long FilesDone, long FilesFailed, long BytesDone, long? BytesTotal, long Records, long Duplicates, int Errors,
    double Seconds, long? PeakMemoryBytes);

/// <summary>Where a page of the overview ended: the last import's creation time and id.</summary>
public sealed record ImportOverviewPosition(DateTimeOffset CreatedAt, Guid ImportId);
