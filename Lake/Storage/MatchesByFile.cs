using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Turns a merge's count of matched rows by the file that stored their match into counts by
/// <see cref="MatchRule"/>. The query returns (stored by this same file, format id, variant, count).
/// </summary>
internal static class MatchesByFile
{
    /// <summary>Adds the query's counts to <paramref name="matched"/>; returns how many rows they cover.</summary>
    public static async Task<long> AddAsync(NpgsqlCommand query, StagedChunk chunk, MatchCounts matched, CancellationToken cancellationToken)
    {
        var counted = 0L;
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sameFile = !reader.IsDBNull(0) && reader.GetBoolean(0);
            var storedFormat = reader.IsDBNull(1) ? null : reader.GetString(1);
            var storedVariant = reader.IsDBNull(2) ? null : reader.GetString(2);
            var count = reader.GetInt64(3);
            matched.Add(sameFile ? MatchRule.Exact : MatchRules.Between(chunk.Entry.FormatId, chunk.Variant, storedFormat, storedVariant), count);
            counted += count;
        }

        return counted;
    }
}
