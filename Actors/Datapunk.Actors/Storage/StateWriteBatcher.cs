using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Actors.Storage;

/// <summary>
/// Group commit for grain state writes. Concurrent writes are sent as one batch in one implicit
/// transaction, so many writes share one round trip and one WAL flush (the flush, not PostgreSQL's
/// CPU, limits single-statement writes). Every write in a batch keeps its own lease fence and etag
/// condition: a refused write returns no row and does not affect the others.
/// </summary>
/// <remarks>
/// Batches take their locks in (partition, grain) order, and lease renewals, claims and releases
/// lock lease rows in partition order too, so batches cannot deadlock with each other or with them.
/// </remarks>
internal sealed class StateWriteBatcher : IAsyncDisposable
{
    private const int MaxBatchSize = 64;
    private const int ConcurrentBatches = 2;

    private const string WriteSql = """
        WITH lease AS (
            SELECT 1 FROM actors.partition_leases
            WHERE cluster_id = $1 AND partition = $2 AND owner = $3 AND epoch = $4 AND expires_at > now()
            FOR SHARE)
        INSERT INTO actors.grain_state AS s (cluster_id, grain_type, grain_key, state_name, partition, payload, etag, updated_at)
        SELECT $1, $5, $6, $7, $2, $8, $9, now() FROM lease
        ON CONFLICT (cluster_id, grain_type, grain_key, state_name) DO UPDATE
            SET payload = excluded.payload, etag = excluded.etag, updated_at = excluded.updated_at
            WHERE s.etag = $10
        RETURNING etag
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _loops;

    public StateWriteBatcher(NpgsqlDataSource dataSource, string clusterId)
    {
        _dataSource = dataSource;
        _clusterId = clusterId;
        _loops = [.. Enumerable.Range(0, ConcurrentBatches).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Writes when the next batch goes out; the new etag, or null when the fence or etag refused it.</summary>
    public Task<long?> WriteAsync(GrainStateKey key, string json, long? expectedEtag, WriteFence fence)
    {
        var write = new PendingWrite(key, json, expectedEtag, fence);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(StateWriteBatcher), "The silo is shutting down; state can no longer be written.");
        }

        return write.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatchSize);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatchSize && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await ExecuteAsync(batch);
            }
            catch (Exception exception)
            {
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(exception);
                }
            }
        }
    }

    private async Task ExecuteAsync(List<PendingWrite> batch)
    {
        batch.Sort(static (a, b) =>
        {
            var byPartition = a.Fence.Partition.CompareTo(b.Fence.Partition);
            return byPartition != 0 ? byPartition : string.CompareOrdinal(a.Key.GrainId.ToString() + "/" + a.Key.StateName, b.Key.GrainId.ToString() + "/" + b.Key.StateName);
        });

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);
        foreach (var write in batch)
        {
            var command = new NpgsqlBatchCommand(WriteSql);
            command.Parameters.Add(new NpgsqlParameter { Value = _clusterId });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Fence.Partition });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Fence.SiloId });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Fence.Epoch });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Key.GrainId.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Key.GrainId.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Key.StateName });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = write.Json });
            command.Parameters.Add(new NpgsqlParameter { Value = (write.ExpectedEtag ?? 0) + 1 });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)write.ExpectedEtag ?? DBNull.Value });
            commands.BatchCommands.Add(command);
        }

        var results = new long?[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (await reader.ReadAsync())
                {
                    results[i] = reader.GetInt64(0);
                }

                await reader.NextResultAsync();
            }
        }

        // Only now is the batch committed: acknowledge no write before that.
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed record PendingWrite(GrainStateKey Key, string Json, long? ExpectedEtag, WriteFence Fence)
    {
        public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
