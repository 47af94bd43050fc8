using Datapunk.Lake.Archives;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// One run of an import over all its inputs: scan, read every entry (skipping those an earlier run
/// finished), merge, index, and read the final figures back from the database. A run can stop at
/// any point and the next one continues from the stored rows (docs/import.md, "Resume").
/// </summary>
/// <remarks>Chunk merges write through <paramref name="writer"/>; everything else goes through <paramref name="dataSource"/>.</remarks>
public sealed partial class ImportPipeline(
    NpgsqlDataSource dataSource, ImportWriterDataSource writer, FormatReaderRegistry readers, LocationPartitions partitions, ImportPipelineOptions options,
    ILogger<ImportPipeline> logger)
{
    internal async Task<ImportTotals> RunAsync(
        ImportRunContext run, IReadOnlyList<ImportInput> inputs, ImportProgressTracker progress, CancellationToken cancellationToken)
    {
        var files = new ImportFiles(dataSource);
        var ledger = new EntryLedger(dataSource);
        var report = new ImportReportQuery(dataSource);
        progress.Phase = ImportState.Scanning;
        var (fileTotal, byteTotal) = InputScanner.Scan(inputs, cancellationToken);
        progress.SetTotals(fileTotal, byteTotal);
        var resume = await files.LoadResumePointAsync(run, cancellationToken);
        progress.StartFrom(await report.ReadAsync(run.ImportId, run.UserId, cancellationToken));
        var copyFixesDirectly = await RowSecurityBypass.IsGrantedAsync(writer.DataSource, cancellationToken);
        progress.Phase = ImportState.Parsing;
        var buffers = new ChunkBufferPool(run.Chunking.LocationRows);
        await using (var merger = new ChunkMerger(writer.DataSource, partitions, buffers, progress, options, copyFixesDirectly, logger, cancellationToken))
        {
            var budget = new ExpansionBudget(options.Limits);
            var labels = InputLabels.For(inputs);
            Task<(string? Failure, int EntriesSeen)> ReadAsync(int input, CancellationToken token) => ReadInputAsync(
                inputs[input], labels[input], new EntryImporter(run, files, ledger, readers, merger, buffers, progress, resume, logger), resume, budget, merger, token);
            var read = options.ParallelInputs <= 1 || inputs.Count == 1
                ? await ReadInTurnAsync(inputs.Count, ReadAsync, cancellationToken)
                : await ReadInParallelAsync(run, inputs.Count, ReadAsync, cancellationToken);

            await merger.CompleteAsync();
            if (read.Sum(input => input.EntriesSeen) == 0 && read.All(input => input.Failure is not null))
            {
                throw new ImportFailedException($"None of the inputs could be read: {string.Join("; ", read.Select(input => input.Failure))}");
            }
        }

        progress.CurrentFile = null;
        progress.Phase = ImportState.Indexing;
        var indexed = await partitions.IndexUnindexedAsync(cancellationToken);
        Log.Indexed(logger, run.ImportId, indexed);

        return await report.ReadAsync(run.ImportId, run.UserId, cancellationToken);
    }

    /// <summary>Marks the entries a stopped run left unfinished as failed with <paramref name="reason"/> (after a cancellation).</summary>
    internal async Task AbandonAsync(ImportRunContext run, string reason, CancellationToken cancellationToken)
    {
        var files = new ImportFiles(dataSource);
        await files.FailUnfinishedAsync(run, reason, cancellationToken);
    }

    /// <summary>The import's per-file report (what an import job reports per file).</summary>
    internal Task<IReadOnlyList<ImportFileReport>> ReadFilesAsync(Guid importId, string userId, string? status, int offset, CancellationToken cancellationToken) =>
        new ImportReportQuery(dataSource).ReadFilesAsync(importId, userId, status, offset, ImportFileReport.MaxPerPage, cancellationToken);

    /// <summary>The figures stored so far, for an import that ended without finishing its run.</summary>
    internal Task<ImportTotals> ReadTotalsAsync(Guid importId, string userId, CancellationToken cancellationToken) =>
        new ImportReportQuery(dataSource).ReadAsync(importId, userId, cancellationToken);

    private static async Task<(string? Failure, int EntriesSeen)[]> ReadInTurnAsync(
        int count, Func<int, CancellationToken, Task<(string? Failure, int EntriesSeen)>> read, CancellationToken cancellationToken)
    {
        var results = new (string? Failure, int EntriesSeen)[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = await read(i, cancellationToken);
        }

        return results;
    }

    /// <summary>Reads up to <see cref="ImportPipelineOptions.ParallelInputs"/> inputs at once, each on a thread of its own (readers block on back-pressure).</summary>
    private async Task<(string? Failure, int EntriesSeen)[]> ReadInParallelAsync(
        ImportRunContext run, int count, Func<int, CancellationToken, Task<(string? Failure, int EntriesSeen)>> read, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.ParallelInputs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = Enumerable.Range(0, count).Select(input => DedicatedThread.RunAsync($"import {run.ImportId:N} input {input}", async () =>
        {
            await gate.WaitAsync(stop.Token);
            try
            {
                return await read(input, stop.Token);
            }
            catch
            {
                // One input failing the run stops the others.
                await stop.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        })).ToList();
        try
        {
            return await Task.WhenAll(readers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested
            && readers.FirstOrDefault(reader => reader.Exception?.InnerException is { } error && error is not OperationCanceledException) is { } failed)
        {
            // The others were stopped because of this one: its error is the one to report.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
            throw;
        }
    }

    /// <summary>Reads one input; returns why it could not be read to its end (null when it could) and how many entries it showed.</summary>
    private async Task<(string? Failure, int EntriesSeen)> ReadInputAsync(
        ImportInput input, string label, EntryImporter entries, ResumePoint resume, ExpansionBudget budget, ChunkMerger merger,
        CancellationToken cancellationToken)
    {
        var entriesSeen = 0;
        var rejected = new List<(string Key, string Path, string Reason)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var readAgain = new HashSet<string>(StringComparer.Ordinal);
        var exportReader = new ExportReader(options.Limits, budget);
        try
        {
            await exportReader.ReadAsync(
                input,
                async (entry, content, token) =>
                {
                    entriesSeen++;
                    await FlushRejectedAsync(entries, input.Name, rejected, token);
                    var key = $"{label}!{entry.Path}";
                    var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
                    if (occurrence > 1)
                    {
                        rejected.Add(($"{key}#{occurrence}", entry.Path, "a second entry with the same path in this input; only the first is read"));
                    }
                    else if (!resume.Finished.ContainsKey(key) && !await entries.ImportAsync(entry, key, content, forceParse: false, token))
                    {
                        readAgain.Add(key);
                    }

                    StopWhenOverBudget(budget, key);
                },
                (_, rawName, reason) =>
                {
                    entriesSeen++;
                    rejected.Add(($"{label}!{rawName}", rawName, reason));
                },
                cancellationToken);
            await FlushRejectedAsync(entries, input.Name, rejected, cancellationToken);
            await entries.FlushAsync(cancellationToken);
            if (readAgain.Count > 0)
            {
                // Entries whose ledger pre-check matched but whose content did not: a second pass parses them.
                await exportReader.ReadAsync(
                    input,
                    async (entry, content, token) =>
                    {
                        var key = $"{label}!{entry.Path}";
                        if (readAgain.Remove(key))
                        {
                            await entries.ImportAsync(entry, key, content, forceParse: true, token);
                        }
                    },
                    (_, _, _) => { },
                    cancellationToken);
            }

            return (null, entriesSeen);
        }
        catch (Exception exception) when (!entries.IsRunFailure(exception) && exception is not ImportFailedException)
        {
            // A truncated or unreadable part: what was read from it stays, the other parts go on.
            Log.InputFailed(logger, input.Name, exception.Message);
            var inputKey = $"{label}!";
            await entries.FlushAsync(cancellationToken);
            if (!resume.Finished.ContainsKey(inputKey))
            {
                await FlushRejectedAsync(entries, input.Name, rejected, cancellationToken);
                await entries.FailInputAsync(inputKey, input.Name, exception, cancellationToken);
            }

            return ($"{label}: {exception.Message}", entriesSeen);
        }
        catch (Exception exception) when (merger.Failure is { } mergeFailure && !ReferenceEquals(exception, mergeFailure))
        {
            // The reader stopped because the merges did (a closed queue); the merge's error is the one that explains it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(mergeFailure);
            throw;
        }
    }

    private static async Task FlushRejectedAsync(
        EntryImporter entries, string source, List<(string Key, string Path, string Reason)> rejected, CancellationToken cancellationToken)
    {
        foreach (var (key, path, reason) in rejected)
        {
            await entries.RejectAsync(key, source, path, reason, cancellationToken);
        }

        rejected.Clear();
    }

    private void StopWhenOverBudget(ExpansionBudget budget, string key)
    {
        if (budget.Spent > options.Limits.MaxTotalBytes)
        {
            throw new ImportFailedException(
                $"The import expands past its total limit of {options.Limits.MaxTotalBytes:N0} bytes (while reading {key}); it stops as a possible zip bomb.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Import input {Path} could not be read to its end: {Error}")]
        public static partial void InputFailed(ILogger logger, string path, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: built the position index of {Partitions} location partition(s)")]
        public static partial void Indexed(ILogger logger, Guid importId, int partitions);
    }
}
