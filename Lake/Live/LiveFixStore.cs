using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Live;

/// <summary>
/// Stores a live batch of fixes through the same de-duplicating merge as an import's chunks
/// (<see cref="ChunkMerge.MergeInAsync"/>, <see cref="LocationMerge"/>), so a fix received live and
/// later imported from a recorder file, a Takeout or a phone's export is stored once, the richer copy
/// kept. One transaction per batch, committed synchronously: when this returns the fixes are on disk,
/// and when it throws nothing of the batch is. Its provenance is a row in <c>imports.files</c> (source
/// <see cref="LiveSource.Name"/>, format <see cref="LiveSource.FormatId"/>, the body's length and
/// SHA-256) under a per-day <c>imports.jobs</c> row (<see cref="LiveImportIds"/>), so lineage reads it
/// as any imported file. Batches of one user take turns with each other and with imports' merges
/// (<see cref="FixWriterLock"/>), on any silo, and with an erasure of the user (<see cref="AccountFence"/>):
/// a batch for an erased account stores nothing and throws <see cref="AccountGoneException"/>.
/// </summary>
public sealed class LiveFixStore(NpgsqlDataSource dataSource, LocationPartitions partitions, TimeProvider clock)
{
    private const string InsertJob = """
        INSERT INTO imports.jobs (import_id, user_id, status, paths, started_at, finished_at)
        VALUES ($1, $2, 'live', $3, now(), now())
        ON CONFLICT (import_id) DO NOTHING
        """;

    private const string InsertFile = """
        INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status, content_hash, bytes)
        VALUES ($1, $2, $3, $4, $5, $6, 'importing', $7, $8)
        RETURNING file_id
        """;

    private const string FinishFile = "UPDATE imports.files SET status = 'imported', counts = $2::jsonb, finished_at = now() WHERE file_id = $1";

    // The pairing query's plan settings are the merge's own; JIT would compile every small batch's plan.
    private const string BatchSettings = "SELECT set_config('jit', 'off', true)";

    public async Task<LiveBatchStored> StoreAsync(string userId, LiveFixBatch batch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new InvalidOperationException("Live fixes were stored without a user id.");
        }

        if (batch.Fixes.Count == 0)
        {
            return LiveBatchStored.Nothing;
        }

        var months = batch.Fixes.Select(fix => PartitionMonth.Of(fix.Time)).ToHashSet();
        await AccountFence.CheckAsync(dataSource, userId, cancellationToken);
        await EnsurePartitionsAsync(userId, months, cancellationToken);
        try
        {
            return await StoreOnceAsync(userId, batch, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CheckViolation && exception.SchemaName == "timeseries")
        {
            // No partition for the rows: this process knew leaves that an erasure of a user of this name dropped since.
            partitions.Forget(userId);
            await EnsurePartitionsAsync(userId, months, cancellationToken);
            return await StoreOnceAsync(userId, batch, cancellationToken);
        }
    }

    private async Task<LiveBatchStored> StoreOnceAsync(string userId, LiveFixBatch batch, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var importId = LiveImportIds.Of(userId, batch.Source, receivedAt.Date);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await AccountFence.HoldAsync(connection, transaction, userId, cancellationToken);
        await FixWriterLock.ExclusiveAsync(connection, transaction, userId, cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction, BatchSettings, cancellationToken);
        await ExecuteAsync(connection, transaction, InsertJob, cancellationToken, importId, userId, new[] { batch.Source.Name });

        var entryKey = $"{receivedAt:yyyyMMdd'T'HHmmss.fffffff'Z'}-{Guid.NewGuid():N}";
        var path = $"{batch.Source.Name}/{batch.Device ?? "(no device)"}/{receivedAt:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}";
        long fileId;
        await using (var file = Command(connection, transaction, InsertFile,
            importId, entryKey, userId, batch.Source.Name, path, batch.Source.FormatId, SHA256.HashData(batch.Body.Span), (long)batch.Body.Length))
        {
            fileId = (long)(await file.ExecuteScalarAsync(cancellationToken))!;
        }

        var chunk = new StagedChunk(new LocationFix[batch.Fixes.Count])
        {
            Entry = new ImportEntryContext(new ImportRunContext(importId, userId, 0, new ImportChunking()), fileId, entryKey, batch.Source.FormatId),
            ChunkNo = 0,
        };
        foreach (var fix in batch.Fixes)
        {
            chunk.AddLocation(fix);
        }

        var (inserted, matched) = await ChunkMerge.MergeInAsync(connection, transaction, chunk, copyFixesDirectly: false, cancellationToken);
        var counts = new JsonObject
        {
            ["read"] = chunk.Read.ToJsonObject(),
            ["inserted"] = inserted.ToJsonObject(),
            ["duplicates"] = matched.Total,
            ["matched"] = matched.ToJsonObject(),
            ["ignoredMessages"] = batch.Ignored,
        };
        await ExecuteAsync(connection, transaction, FinishFile, cancellationToken, fileId, counts.ToJsonString());
        await transaction.CommitAsync(cancellationToken);
        return new LiveBatchStored(
            fileId, batch.Fixes.Count, inserted[RecordKind.LocationPoint], matched.Total, batch.Fixes.Min(fix => fix.Time), batch.Fixes.Max(fix => fix.Time));
    }

    /// <summary>The user's leaves of the batch's months; a leaf made now is indexed at once (it is empty, so that is cheap).</summary>
    private async Task EnsurePartitionsAsync(string userId, IReadOnlyCollection<int> months, CancellationToken cancellationToken)
    {
        foreach (var leaf in await partitions.EnsureAsync(userId, months, cancellationToken))
        {
            await partitions.IndexAsync(leaf.Name, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
