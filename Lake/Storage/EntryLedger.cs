using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Reads <c>imports.entry_ledger</c>: the entries a user imported before, by content hash. An
/// entry is written to it with its file row when it is imported whole (<see cref="ImportFiles"/>).
/// A row with a path key (the file name, for formats whose names say what the content describes)
/// matches only an entry of that name; a row without one matches any.
/// </summary>
internal sealed class EntryLedger(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The content hashes and record counts of ledger entries that pass the cheap pre-check (same
    /// length and first 64 KiB, and the same <paramref name="pathKey"/> where the row has one).
    /// </summary>
    public async Task<IReadOnlyList<(byte[] ContentHash, long Records)>> FindCandidatesAsync(
        string userId, long length, byte[] headHash, string? pathKey, CancellationToken cancellationToken)
    {
        var candidates = new List<(byte[], long)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT content_hash, records FROM imports.entry_ledger
            WHERE user_id = $1 AND byte_length = $2 AND head_hash = $3 AND (path_key IS NULL OR path_key = $4)
            """,
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = length });
        command.Parameters.Add(new NpgsqlParameter { Value = headHash });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)pathKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(((byte[])reader.GetValue(0), reader.GetInt64(1)));
        }

        return candidates;
    }
}
