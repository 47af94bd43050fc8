using Datapunk.Grains;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Erases everything of one user (docs/security.md, "Export and erasure"): the Orleans grain state
/// and reminders of the user's grains and imports, the user's cache keys in Redis
/// (<see cref="UserCacheKeys"/>), the user's spool folder (uploads, exports), every row with the
/// user's id in every table the catalog shows (<see cref="UserDataTables"/>), and the user's location
/// partitions; then leaves a tombstone (<see cref="IErasureTombstone"/>). Every step removes what is
/// left, so a run interrupted anywhere is finished by running it again; the import ids the grain
/// rows are found by come from the rows deleted last, for that reason. Callers stop the user's
/// imports first (the user grain does).
/// </summary>
public sealed partial class AccountEraser(
    NpgsqlDataSource dataSource, UserSpool spool, IConnectionMultiplexer redis, IErasureTombstone tombstone, TimeProvider clock,
    ILogger<AccountEraser> logger)
{
    public async Task<ErasureReport> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        var userFolder = spool.UserFolder(userId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var tables = await UserDataTables.FindAsync(connection, cancellationToken);
        var importIds = await ImportIdsAsync(connection, userId, cancellationToken);

        var (states, reminders) = await GrainRows.DeleteAsync(connection, userId, importIds, cancellationToken);
        var cacheKeys = await DeleteCacheKeysAsync(userId);
        var spoolFiles = DeleteFolder(userFolder);
        var rows = await DeleteRowsAsync(connection, userId, tables, cancellationToken);
        var leaves = await DropLocationLeavesAsync(connection, userId, cancellationToken);

        var report = new ErasureReport(userId, rows, states, reminders, cacheKeys, spoolFiles, leaves, clock.GetUtcNow().UtcDateTime);
        await tombstone.WriteAsync(report, cancellationToken);
        Log.Erased(logger, userId, rows.Values.Sum(), states, reminders, cacheKeys, spoolFiles, leaves);
        return report;
    }

    private static async Task<IReadOnlyList<Guid>> ImportIdsAsync(NpgsqlConnection connection, string userId, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT import_id FROM imports.jobs WHERE user_id = $1", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Deletes the user's rows from every table in one transaction, under the user's row-level security (no other user's row can be touched).</summary>
    private static async Task<IReadOnlyDictionary<string, long>> DeleteRowsAsync(
        NpgsqlConnection connection, string userId, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var deleted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        foreach (var table in tables)
        {
            var (schema, name) = (table[..table.IndexOf('.')], table[(table.IndexOf('.') + 1)..]);
            await using var command = new NpgsqlCommand($"DELETE FROM \"{schema}\".\"{name}\" WHERE user_id = $1", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            deleted[table] = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Drops the user's (now empty) location partitions: a table per month named after the user's id
    /// would otherwise stay. Detaching a partition needs its month's table to itself, and a waiting
    /// lock request makes every later read of that month (any user's map) queue behind it; so each
    /// attempt waits at most <see cref="LeafLockTimeout"/> for the locks, and gives way and tries again
    /// when a long read holds them.
    /// </summary>
    private static async Task<int> DropLocationLeavesAsync(NpgsqlConnection connection, string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await using (var limit = new NpgsqlCommand($"SET LOCAL lock_timeout = '{LeafLockTimeout.TotalMilliseconds}ms'", connection, transaction))
                {
                    await limit.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var command = new NpgsqlCommand("SELECT timeseries.drop_location_leaves($1)", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = userId });
                var dropped = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
                await transaction.CommitAsync(cancellationToken);
                return dropped;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable && attempt < LeafDropAttempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt + Random.Shared.Next(250)), cancellationToken);
            }
        }
    }

    private static readonly TimeSpan LeafLockTimeout = TimeSpan.FromSeconds(2);
    private const int LeafDropAttempts = 20;

    private async Task<long> DeleteCacheKeysAsync(string userId)
    {
        var pattern = UserCacheKeys.Prefix(userId) + "*";
        var database = redis.GetDatabase();
        long deleted = 0;
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            var batch = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    deleted += await database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                deleted += await database.KeyDeleteAsync([.. batch]);
            }
        }

        return deleted;
    }

    private static long DeleteFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).LongCount();
        Directory.Delete(folder, recursive: true);
        return files;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning,
            Message = "Erased user {UserId}: {Rows} rows, {GrainStates} grain states, {Reminders} reminders, {CacheKeys} cache keys, {SpoolFiles} spool files, {Leaves} location partitions")]
        public static partial void Erased(ILogger logger, string userId, long rows, long grainStates, long reminders, long cacheKeys, long spoolFiles, int leaves);
    }
}
