using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// What one chunk's merge matched: counts by <see cref="MatchRule"/> (the chunk's
/// <c>entry_chunks.matched</c>) and, for matches with records another file stored, how many per
/// file (its <c>imports.file_matches</c> rows, the lineage). Starts from the repeats the chunk
/// dropped among its own rows (<see cref="StagedChunk.Matched"/>). A polled page counts its plays that
/// matched exported ones the same way, as the chunk 0 of its file (<see cref="PolledPlayMatching"/>).
/// </summary>
internal sealed class MatchesByFile(string userId, long fileId, int chunkNo, string formatId, string? variant, MatchCounts start)
{
    private const string RecordLineage = """
        INSERT INTO imports.file_matches (user_id, file_id, chunk_no, matched_file_id, rule, records)
        SELECT $1, $2, $3, matched.file_id, matched.rule, matched.records
        FROM unnest($4::bigint[], $5::text[], $6::bigint[]) AS matched (file_id, rule, records)
        """;

    private readonly Dictionary<long, (MatchRule Rule, long Records)> _byFile = [];

    public MatchesByFile(StagedChunk chunk)
        : this(chunk.Entry.Run.UserId, chunk.Entry.FileId, chunk.ChunkNo, chunk.Entry.FormatId, chunk.Variant, chunk.Matched)
    {
    }

    public MatchCounts Counts { get; } = Copy(start);

    /// <summary>Rows that repeated rows of this same file (or were stored by a concurrent merge of it): exact, and no lineage.</summary>
    public void AddRepeats(long count) => Counts.Add(MatchRule.Exact, count);

    /// <summary>
    /// Adds the counts of a query returning (stored by file id, that file's format id, its variant,
    /// count); returns how many rows they cover.
    /// </summary>
    public async Task<long> AddAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        var counted = 0L;
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var storedBy = reader.GetInt64(0);
            var count = reader.GetInt64(3);
            counted += count;
            if (storedBy == fileId)
            {
                AddRepeats(count);
                continue;
            }

            var rule = MatchRules.Between(
                formatId, variant, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            Counts.Add(rule, count);
            _byFile[storedBy] = (rule, _byFile.GetValueOrDefault(storedBy).Records + count);
        }

        return counted;
    }

    /// <summary>Writes the chunk's lineage rows, in the merge's transaction.</summary>
    public async Task RecordLineageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (_byFile.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(RecordLineage, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = fileId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunkNo });
        command.Parameters.Add(new NpgsqlParameter { Value = _byFile.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = _byFile.Values.Select(match => match.Rule.ToName()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = _byFile.Values.Select(match => match.Records).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static MatchCounts Copy(MatchCounts counts)
    {
        var copy = new MatchCounts();
        copy.Add(counts);
        return copy;
    }
}
