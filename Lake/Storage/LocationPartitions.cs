using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// The partitions of <c>timeseries.location_points</c>: one per month, itself divided into one
/// leaf per user (<see cref="LeafName"/>), all created on demand before a chunk is merged. A leaf is
/// given its indexes (BRIN on time, GiST on position) after loading: a new leaf starts without them
/// because building an index once over loaded rows is far cheaper than maintaining it row by row.
/// A user's own leaf means a second user's import is as cheap as the first one's: no other user's
/// indexes are maintained row by row while it loads (docs/data-model.md has the figures). The GiST
/// index is on <c>position::geometry</c> because PostGIS sorts geometry for a bulk GiST build and
/// not geography, which measured five times faster. Any import that finishes indexes every leaf
/// still lacking an index, so a crash in between leaves nothing unindexed for long. The silos'
/// login owns no table, so the DDL runs in functions the owner owns (migration 0017:
/// <c>timeseries.create_location_leaf</c>, under the partition lock, with small statistics per leaf;
/// <c>timeseries.index_location_leaf</c>, under the index lock). Migration 0005 divided the months
/// created before there were leaves per user.
/// </summary>
public sealed class LocationPartitions(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<(string UserId, int Month), bool> _known = new();

    /// <summary>The partition name of a month given as year × 12 + month − 1.</summary>
    public static string PartitionName(int month) =>
        string.Create(CultureInfo.InvariantCulture, $"location_points_{month / 12:D4}_{(month % 12) + 1:D2}");

    /// <summary>
    /// The name of a user's leaf of a month: the month's name and a hash of the user id (user ids
    /// may be longer than an identifier allows and are not meant to be read from the catalog).
    /// </summary>
    public static string LeafName(int month, string userId) =>
        $"{PartitionName(month)}_u{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..12]}";

    /// <summary>
    /// Makes sure the user has a leaf for each month (and the month its partition); returns the leaves
    /// it created, which are still to be indexed.
    /// </summary>
    public async Task<IReadOnlyList<CreatedLeaf>> EnsureAsync(string userId, IReadOnlyCollection<int> months, CancellationToken cancellationToken)
    {
        var missing = months.Where(month => !_known.ContainsKey((userId, month))).Order().ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = new List<CreatedLeaf>();
        foreach (var month in missing)
        {
            await using var create = new NpgsqlCommand("SELECT timeseries.create_location_leaf($1, $2)", connection, transaction);
            create.Parameters.Add(new NpgsqlParameter { Value = userId });
            create.Parameters.Add(new NpgsqlParameter { Value = month });
            if (await create.ExecuteScalarAsync(cancellationToken) is string leaf)
            {
                created.Add(new CreatedLeaf(month, leaf));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var month in missing)
        {
            _known[(userId, month)] = true;
        }

        return created;
    }

    /// <summary>
    /// Forgets the leaves this process knows the user has: erasure drops them, and the next import of
    /// a user of that name must create them again (<see cref="Pipeline.ChunkMerger"/> calls this when a
    /// merge finds no partition for its rows).
    /// </summary>
    public void Forget(string userId)
    {
        foreach (var known in _known.Keys.Where(key => key.UserId == userId))
        {
            _known.TryRemove(known, out _);
        }
    }

    /// <summary>Builds the indexes a leaf lacks.</summary>
    public async Task IndexAsync(string leaf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await BuildIndexAsync(connection, leaf, cancellationToken);
    }

    /// <summary>Builds the indexes of every leaf that lacks one; returns how many leaves it indexed.</summary>
    public async Task<int> IndexUnindexedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var unindexed = new List<string>();
        await using (var find = new NpgsqlCommand("""
            SELECT c.relname
            FROM pg_partition_tree('timeseries.location_points') t
            JOIN pg_class c ON c.oid = t.relid
            WHERE t.isleaf AND t.level > 0
              AND (SELECT count(*) FROM pg_index x JOIN pg_class ix ON ix.oid = x.indexrelid
                   WHERE x.indrelid = c.oid AND ix.relname IN (c.relname || '_position', c.relname || '_time')) < 2
            ORDER BY c.relname
            """, connection))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unindexed.Add(reader.GetString(0));
            }
        }

        foreach (var partition in unindexed)
        {
            await BuildIndexAsync(connection, partition, cancellationToken);
        }

        return unindexed.Count;
    }

    private static async Task BuildIndexAsync(NpgsqlConnection connection, string partition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT timeseries.index_location_leaf($1)", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
