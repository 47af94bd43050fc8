using System.Diagnostics;
using System.Threading.Channels;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Merge workers of one run: each takes a sealed chunk from a small bounded queue, makes sure its
/// month partitions exist and merges it in one transaction. Several workers merge on separate
/// connections while the reader parses the next chunk, so parsing and merging overlap; the bounded
/// queue blocks the reader when merges fall behind, which is what keeps memory flat whatever the
/// input size. The first failure stops the run.
/// </summary>
internal sealed partial class ChunkMerger : IChunkDispatcher, IAsyncDisposable
{
    private const int MaxAttempts = 3;

    private readonly Channel<StagedChunk> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly LocationPartitions _partitions;
    private readonly ChunkBufferPool _buffers;
    private readonly ImportProgressTracker _progress;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping;
    private readonly Task[] _workers;
    private readonly PartitionIndexer _indexer;
    private readonly MergeRangeGate _mergeRanges = new();
    private readonly bool _copyFixesDirectly;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<StagedChunk, DateTime> _inFlight = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ImportEntryContext, DateTime> _reading = new();
    private Exception? _failure;

    public ChunkMerger(
        NpgsqlDataSource dataSource, LocationPartitions partitions, ChunkBufferPool buffers, ImportProgressTracker progress,
        ImportPipelineOptions options, bool copyFixesDirectly, ILogger logger, CancellationToken cancellationToken)
    {
        _dataSource = dataSource;
        _copyFixesDirectly = copyFixesDirectly;
        _partitions = partitions;
        _buffers = buffers;
        _progress = progress;
        _logger = logger;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _indexer = new PartitionIndexer(partitions, _stopping.Token);
        _queue = Channel.CreateBounded<StagedChunk>(new BoundedChannelOptions(options.MergeQueueCapacity) { SingleWriter = options.ParallelInputs <= 1 });
        _workers = [.. Enumerable.Range(0, options.MergeWorkers).Select(_ => Task.Run(WorkAsync))];
    }

    public void Dispatch(StagedChunk chunk, CancellationToken cancellationToken)
    {
        if (chunk.LocationCount > 0)
        {
            _inFlight[chunk] = chunk.FirstFix;
            _reading[chunk.Entry] = chunk.FirstFix;
        }

        if (!_queue.Writer.TryWrite(chunk))
        {
            // The reader runs on a thread of its own: blocking it is the back-pressure.
            _queue.Writer.WriteAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    public void Discard(StagedChunk chunk) => _buffers.Return(chunk.Locations);

    /// <summary>The entry's reader is done: where it was no longer holds back the indexing of older months.</summary>
    public void EntryFinished(ImportEntryContext entry) => _reading.TryRemove(entry, out _);

    /// <summary>The first merge failure, which stopped the run; null while merges succeed.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Waits for every queued chunk to be merged; throws the first merge failure.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (Exception) when (Failure is not null)
        {
            // The other workers stopped because of it; the first failure is the one to report.
        }

        if (Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        await _indexer.CompleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (Exception exception) when (exception is OperationCanceledException or NpgsqlException or ImportRunSupersededException)
        {
            // Already reported through the chunks' tasks and CompleteAsync; disposal only waits for the workers to stop.
        }

        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        var token = _stopping.Token;
        await foreach (var chunk in _queue.Reader.ReadAllAsync(token))
        {
            try
            {
                var inserted = await MergeAsync(chunk, token);
                _progress.AddInserted(inserted);
                _buffers.Return(chunk.Locations);
                chunk.Merged.TrySetResult();
                IndexWhatIsBehind(chunk);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
                chunk.Merged.TrySetException(exception);
                _queue.Writer.TryComplete(exception);
                await _stopping.CancelAsync();
                while (_queue.Reader.TryRead(out var abandoned))
                {
                    abandoned.Merged.TrySetException(exception);
                }

                throw;
            }
        }
    }

    /// <summary>Months older than every chunk still to merge, and than where each reader is, get their position index now.</summary>
    private void IndexWhatIsBehind(StagedChunk merged)
    {
        _inFlight.TryRemove(merged, out _);
        var watermark = DateTime.MaxValue;
        foreach (var firstFix in _inFlight.Values.Concat(_reading.Values))
        {
            watermark = firstFix < watermark ? firstFix : watermark;
        }

        if (watermark != DateTime.MaxValue)
        {
            _indexer.Advance(watermark);
        }
    }

    private async Task<KindCounts> MergeAsync(StagedChunk chunk, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _indexer.Created(await _partitions.EnsureAsync(chunk.Entry.Run.UserId, chunk.Months, cancellationToken));
        var partitioned = Stopwatch.GetTimestamp();
        using var matchedRange = chunk.MatchedRange is { } range ? await _mergeRanges.EnterAsync(range.From, range.Until, cancellationToken) : null;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var inserted = await ChunkMerge.MergeAsync(connection, chunk, _copyFixesDirectly, cancellationToken);
                Log.Merged(
                    _logger, chunk.Entry.Run.ImportId, chunk.Entry.EntryKey, chunk.ChunkNo, chunk.RowCount,
                    Stopwatch.GetElapsedTime(started, partitioned).TotalMilliseconds, Stopwatch.GetElapsedTime(partitioned).TotalMilliseconds);
                return inserted;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CheckViolation
                && exception.SchemaName == "timeseries" && exception.TableName?.StartsWith("location_points", StringComparison.Ordinal) == true
                && attempt < MaxAttempts)
            {
                // No partition for the rows: this process knew leaves that an erasure of a user of this name dropped since.
                _partitions.Forget(chunk.Entry.Run.UserId);
                _indexer.Created(await _partitions.EnsureAsync(chunk.Entry.Run.UserId, chunk.Months, cancellationToken));
                Log.MergeRetried(_logger, chunk.Entry.Run.ImportId, chunk.Entry.EntryKey, chunk.ChunkNo, exception.SqlState, attempt);
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                && attempt < MaxAttempts)
            {
                // Two chunks holding the same records in different orders can deadlock on the unique index; the whole transaction rolled back.
                Log.MergeRetried(_logger, chunk.Entry.Run.ImportId, chunk.Entry.EntryKey, chunk.ChunkNo, exception.SqlState, attempt);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug,
            Message = "Import {ImportId}: {EntryKey} chunk {ChunkNo} ({Rows} rows): partitions {PartitionMs:0} ms, merged in {MergeMs:0} ms")]
        public static partial void Merged(ILogger logger, Guid importId, string entryKey, int chunkNo, int rows, double partitionMs, double mergeMs);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: merge of {EntryKey} chunk {ChunkNo} failed with {SqlState}, attempt {Attempt}; retrying")]
        public static partial void MergeRetried(ILogger logger, Guid importId, string entryKey, int chunkNo, string sqlState, int attempt);
    }
}
