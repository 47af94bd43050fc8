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
/// still lacking an index, so a crash in between leaves nothing unindexed for long. Leaves keep
/// small statistics (see <see cref="PartitionStatistics"/>). Migration 0005 divided the months
/// created before there were leaves per user.
/// </summary>
public sealed class LocationPartitions(NpgsqlDataSource dataSource)
{
    // Serialise partition DDL across silos (the migration lock of SqlMigrator uses 0x0DA7_A9C0_0001). Index builds
    // take a lock of their own so that creating a partition never waits for an index build.
    private const long PartitionLockKey = 0x0DA7_A9C0_0002;
    private const long IndexLockKey = 0x0DA7_A9C0_0003;

    // Autovacuum analyses every partition an import fills, which at the default statistics target cost
    // 70-90 ms a partition (11 s of database CPU per 10 M fixes): most of it statistics on the
    // geography column and the position index's expression, which no query estimate needs (spatial
    // filters go through the GiST index whatever the estimate), the rest a 30,000-row sample. A
    // target of 10 samples 3,000 rows, plenty for a month of one user's fixes: 3 ms a partition.
    private const string PartitionStatistics =
        "ALTER COLUMN position SET STATISTICS 0, ALTER COLUMN user_id SET STATISTICS 10, ALTER COLUMN time SET STATISTICS 10, " +
        "ALTER COLUMN lat_e7 SET STATISTICS 10, ALTER COLUMN lng_e7 SET STATISTICS 10, ALTER COLUMN accuracy_m SET STATISTICS 10, " +
        "ALTER COLUMN altitude_m SET STATISTICS 10, ALTER COLUMN velocity_mps SET STATISTICS 10, ALTER COLUMN heading SET STATISTICS 10, " +
        "ALTER COLUMN source SET STATISTICS 10, ALTER COLUMN file_id SET STATISTICS 10, ALTER COLUMN coord_digits SET STATISTICS 10, " +
        "ALTER COLUMN time_digits SET STATISTICS 10, ALTER COLUMN device SET STATISTICS 10";

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
        await SqlStatements.ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PartitionLockKey})", cancellationToken);
        var existing = await ExistingAsync(connection, transaction, cancellationToken);
        var created = new List<CreatedLeaf>();
        foreach (var month in missing)
        {
            var monthName = PartitionName(month);
            if (!existing.Contains(monthName))
            {
                await CreateMonthAsync(connection, transaction, month, cancellationToken);
            }

            var leaf = LeafName(month, userId);
            if (!existing.Contains(leaf))
            {
                await CreateLeafAsync(connection, transaction, monthName, leaf, userId, cancellationToken);
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

    // CREATE … PARTITION OF would lock the parent exclusively and wait for every merge in flight;
    // ATTACH PARTITION takes a lock that inserts do not conflict with (the parent's indexes are
    // created on the empty table as it is attached).
    private static async Task CreateMonthAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int month, CancellationToken cancellationToken)
    {
        var name = PartitionName(month);
        var from = new DateTime(month / 12, (month % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"CREATE TABLE timeseries.{name} (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (user_id)",
            cancellationToken);
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"ALTER TABLE timeseries.location_points ATTACH PARTITION timeseries.{name} " +
            $"FOR VALUES FROM ('{from:yyyy-MM-dd}T00:00:00Z') TO ('{from.AddMonths(1):yyyy-MM-dd}T00:00:00Z')",
            cancellationToken);
    }

    private static async Task CreateLeafAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string monthName, string leaf, string userId, CancellationToken cancellationToken)
    {
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"CREATE TABLE timeseries.{leaf} (LIKE timeseries.location_points INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
            cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction, $"ALTER TABLE timeseries.{leaf} {PartitionStatistics}", cancellationToken);
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"ALTER TABLE timeseries.{monthName} ATTACH PARTITION timeseries.{leaf} FOR VALUES IN ({SqlLiteral(userId)})",
            cancellationToken);
    }

    private static string SqlLiteral(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

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

    /// <summary>
    /// CREATE INDEX IF NOT EXISTS is not safe against a concurrent build of the same index (both pass
    /// the check; one fails on the catalog's unique key), and imports of two users can reach the same
    /// partition at once, so builds are serialised by an advisory lock held for the transaction.
    /// </summary>
    private static async Task BuildIndexAsync(NpgsqlConnection connection, string partition, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({IndexLockKey})", cancellationToken);
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"CREATE INDEX IF NOT EXISTS {partition}_time ON timeseries.{partition} USING brin (time)",
            cancellationToken, commandTimeout: 0);
        await SqlStatements.ExecuteAsync(
            connection, transaction,
            $"CREATE INDEX IF NOT EXISTS {partition}_position ON timeseries.{partition} USING gist ((position::geometry))",
            cancellationToken, commandTimeout: 0);
        await SqlStatements.ExecuteAsync(connection, transaction, $"ALTER INDEX timeseries.{partition}_position ALTER COLUMN 1 SET STATISTICS 0", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every partition below location_points, months and leaves, by name.</summary>
    private static async Task<HashSet<string>> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_partition_tree('timeseries.location_points') t JOIN pg_class c ON c.oid = t.relid WHERE t.level > 0",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
