using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Datapunk.Lake.Archives;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Imports one archive entry: reads its head for detection while hashing everything that streams
/// through, skips it when no reader knows it or when the ledger says this content was imported
/// before, and otherwise lets the chosen reader stream it into a <see cref="ChunkingSink"/>. A
/// broken entry fails alone (its error names the entry and the byte offset); failures of the run
/// itself (cancellation, the database, a newer run) propagate.
/// </summary>
internal sealed partial class EntryImporter(
    ImportRunContext run, ImportFiles files, EntryLedger ledger, FormatReaderRegistry readers, ChunkMerger merger, ChunkBufferPool buffers,
    ImportProgressTracker progress, ResumePoint resume, ILogger logger)
{
    /// <summary>Skipped entries recorded per statement.</summary>
    public const int SkippedBatchSize = 500;

    private readonly List<EntryOutcome> _skipped = [];

    /// <summary>
    /// Imports the entry known in this import as <paramref name="key"/>; false when it has to be
    /// read again from its start (see <see cref="ImportPipeline"/>).
    /// </summary>
    public async Task<bool> ImportAsync(ExportEntry entry, string key, Stream content, bool forceParse, CancellationToken cancellationToken)
    {
        progress.CurrentFile = key;
        var attempt = new EntryAttempt();
        await using var hashing = new HashingStream(content, read => progress.AddBytes(read));
        try
        {
            return await ImportEntryAsync(entry, key, hashing, forceParse, attempt, cancellationToken);
        }
        catch (Exception exception) when (!IsRunFailure(exception))
        {
            // The entry's bytes could not be read (a corrupt or truncated archive member) outside the reader's own loop.
            progress.AddBytes(Math.Max(0, (entry.Length ?? 0) - hashing.BytesRead));
            var failed = Outcome(entry, key, EntryStatus.Failed) with
            {
                FormatId = attempt.FormatId, Bytes = entry.Length, Error = Describe(entry, exception, hashing.BytesRead),
            };
            Log.EntryFailed(logger, run.ImportId, key, failed.Error!);
            await FinishAsync(attempt.FileId, failed, null, cancellationToken);
            return true;
        }
    }

    private async Task<bool> ImportEntryAsync(
        ExportEntry entry, string key, HashingStream hashing, bool forceParse, EntryAttempt attempt, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(hashing, cancellationToken);
        var encoding = TextEncodingSniffer.Detect(head.Span);
        var sample = new EntrySample(entry.Path, encoding is null ? head : TextEncodingSniffer.TranscodeHead(head.Span, encoding), entry.Length);
        var reader = readers.Choose(sample);
        if (reader is null)
        {
            progress.AddBytes(Math.Max(0, (entry.Length ?? 0) - hashing.BytesRead));
            _skipped.Add(Outcome(entry, key, EntryStatus.Skipped) with
            {
                Bytes = entry.Length, Error = "No reader recognises this file by its content or its name; it was not imported.",
            });
            progress.FinishEntry(EntryStatus.Skipped, 0, 0, null);
            if (_skipped.Count >= SkippedBatchSize)
            {
                await FlushAsync(cancellationToken);
            }

            return true;
        }

        attempt.FormatId = reader.FormatId;
        if (head.IsEmpty)
        {
            // A zero-byte placeholder (Takeout writes them for products without data) holds no records in any format.
            var empty = Outcome(entry, key, EntryStatus.Imported) with
            {
                FormatId = reader.FormatId, Bytes = 0, Warnings = 1, WarningExamples = ["The file is empty; it holds no records."],
            };
            await FinishAsync(null, empty, null, cancellationToken);
            return true;
        }

        var headHash = SHA256.HashData(head.Span);
        var pathKey = reader.PathCarriesMeaning ? entry.Path[(entry.Path.LastIndexOf('/') + 1)..] : null;
        resume.Unfinished.TryGetValue(key, out var unfinished);
        if (unfinished is null && !forceParse && entry.Length is { } length
            && await ledger.FindCandidatesAsync(run.UserId, length, headHash, pathKey, cancellationToken) is { Count: > 0 } candidates)
        {
            var hash = await hashing.FinishAsync(cancellationToken);
            var match = candidates.FirstOrDefault(candidate => candidate.ContentHash.AsSpan().SequenceEqual(hash));
            if (match.ContentHash is null)
            {
                // Same length and first 64 KiB as an imported entry, different content: rare enough to read it again.
                Log.ReadAgain(logger, run.ImportId, key);
                return false;
            }

            var unchanged = Outcome(entry, key, EntryStatus.Unchanged) with
            {
                FormatId = reader.FormatId, ContentHash = hash, HeadHash = headHash, Bytes = hashing.BytesRead, PathKey = pathKey,
                UnchangedRecords = match.Records,
            };
            await FinishAsync(null, unchanged, null, cancellationToken);
            return true;
        }

        var fileId = unfinished?.FileId ?? await files.BeginEntryAsync(run, key, entry.Source, entry.Path, reader.FormatId, cancellationToken);
        attempt.FileId = fileId;
        var context = new ImportEntryContext(run, fileId, key, reader.FormatId);
        var sink = new ChunkingSink(context, entry.Path, merger, buffers, unfinished?.MergedChunks ?? new HashSet<int>(), progress, cancellationToken);
        Exception? failure = null;
        var parsed = new PrefixedStream(head, hashing);
        await using (var readable = encoding is null ? parsed : Encoding.CreateTranscodingStream(parsed, encoding, Encoding.UTF8))
        {
            try
            {
                await reader.ReadAsync(readable, sink, cancellationToken);
            }
            catch (Exception exception) when (!IsRunFailure(exception))
            {
                failure = exception;
            }
        }

        sink.Complete();
        await sink.WhenMergedAsync();
        merger.EntryFinished(context);
        var outcome = Outcome(entry, key, failure is null ? EntryStatus.Imported : EntryStatus.Failed) with
        {
            FormatId = reader.FormatId,
            Variant = sink.Variant,
            HeadHash = headHash,
            PathKey = pathKey,
            ContentHash = failure is null ? await hashing.FinishAsync(cancellationToken) : null,
            Bytes = failure is null ? hashing.BytesRead : entry.Length,
            Error = failure is null ? null : Describe(entry, failure, hashing.BytesRead),
            Warnings = sink.Warnings,
            WarningExamples = sink.WarningExamples,
            UnknownFields = sink.UnknownFields,
            Rejected = sink.Rejected,
        };
        if (failure is not null)
        {
            progress.AddBytes(Math.Max(0, (entry.Length ?? 0) - hashing.BytesRead));
            Log.EntryFailed(logger, run.ImportId, key, outcome.Error!);
        }

        await FinishAsync(fileId, outcome, sink.UnknownFields.Count, cancellationToken);
        return true;
    }

    /// <summary>Records the skipped entries not yet written (call at the end of each input).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await files.RecordSkippedAsync(run, _skipped, cancellationToken);
        _skipped.Clear();
    }

    /// <summary>Records an entry refused without reading it (an unsafe name, a second entry of the same name).</summary>
    public Task RejectAsync(string key, string source, string path, string reason, CancellationToken cancellationToken)
    {
        if (resume.Finished.ContainsKey(key))
        {
            return Task.CompletedTask;
        }

        var outcome = new EntryOutcome { EntryKey = key, Source = source, Path = path, Status = EntryStatus.Rejected, Error = $"Not read: {reason}." };
        return FinishAsync(null, outcome, null, cancellationToken);
    }

    /// <summary>Records a whole input (an archive part) that could not be read past some point; its entries read before stay.</summary>
    public Task FailInputAsync(string key, string path, Exception exception, CancellationToken cancellationToken)
    {
        var outcome = new EntryOutcome { EntryKey = key, Source = path, Path = "", Status = EntryStatus.Failed, Error = exception.Message };
        return FinishAsync(null, outcome, null, cancellationToken);
    }

    /// <summary>Errors that end the run rather than the entry: they say nothing about the entry's content.</summary>
    public bool IsRunFailure(Exception exception) =>
        exception is OperationCanceledException or ImportRunSupersededException or NpgsqlException or ChannelClosedException
        || merger.Failure is not null;

    private static EntryOutcome Outcome(ExportEntry entry, string key, EntryStatus status) =>
        new() { EntryKey = key, Source = entry.Source, Path = entry.Path, Status = status };

    private static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[EntrySample.HeadSize];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = await content.ReadAsync(head.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return head.AsMemory(0, filled);
    }

    private static string Describe(ExportEntry entry, Exception failure, long bytesRead)
    {
        var message = failure is ExportFormatException or ArchiveLimitException or InvalidDataException or DecoderFallbackException
            ? failure.Message
            : $"{failure.GetType().Name}: {failure.Message}";
        if (failure is not ExportFormatException { ByteOffset: not null } && !message.Contains("byte", StringComparison.OrdinalIgnoreCase))
        {
            message += $" (after reading {bytesRead:N0} bytes)";
        }

        return message.Contains(entry.Path, StringComparison.Ordinal) ? message : $"{entry.Path}: {message}";
    }

    private async Task FinishAsync(long? fileId, EntryOutcome outcome, int? unknownFields, CancellationToken cancellationToken)
    {
        var totals = await files.FinishEntryAsync(run, fileId, outcome, cancellationToken);
        var error = outcome.Status is EntryStatus.Failed or EntryStatus.Rejected ? new ImportFileError(outcome.EntryKey, outcome.Error ?? "") : null;
        progress.FinishEntry(outcome.Status, totals.Duplicates, unknownFields ?? 0, error);
        progress.FinishRecords(totals.Matched, outcome.Rejected);
    }

    /// <summary>What an entry's import got to before it failed: the file row to finish, the format chosen.</summary>
    private sealed class EntryAttempt
    {
        public long? FileId { get; set; }

        public string? FormatId { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: {EntryKey} failed: {Error}")]
        public static partial void EntryFailed(ILogger logger, Guid importId, string entryKey, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: {EntryKey} matched the ledger's pre-check but not its hash; it is read again")]
        public static partial void ReadAgain(ILogger logger, Guid importId, string entryKey);
    }
}
