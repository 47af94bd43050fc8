using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// A pipeline run started by a job grain: it runs on a thread of its own, outside the grain's
/// turns, and reports through <see cref="Progress"/> (read at any time) and <see cref="Completion"/>
/// (observed by the grain's timer, so that state writes stay on the grain's turn).
/// </summary>
internal sealed class ImportRun
{
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cancelledByOwner;

    private ImportRun(
        ImportPipeline pipeline, ImportActivity activity, NpgsqlDataSource dataSource, Guid importId, string userId, IReadOnlyList<ImportInput> inputs,
        ImportChunking chunking)
    {
        // Background derivations in this process yield to the run from its start to its end (ImportActivity).
        var running = activity.Enter();
        Completion = DedicatedThread.RunAsync($"import {importId:N}", async () =>
        {
            using (running)
            {
                return await RunAsync(pipeline, dataSource, importId, userId, inputs, chunking);
            }
        });
    }

    public ImportProgressTracker Progress { get; } = new();

    public Task<ImportRunOutcome> Completion { get; }

    public bool IsRunning => !Completion.IsCompleted;

    public static ImportRun Start(
        ImportPipeline pipeline, ImportActivity activity, NpgsqlDataSource dataSource, Guid importId, string userId, IReadOnlyList<ImportInput> inputs,
        ImportChunking chunking) =>
        new(pipeline, activity, dataSource, importId, userId, inputs, chunking);

    /// <summary>Stops the run so that another activation can resume it (nothing is marked failed).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Stops the run for good: entries being read are marked failed, merged records stay.</summary>
    public void Cancel()
    {
        _cancelledByOwner = true;
        _stop.Cancel();
    }

    private async Task<ImportRunOutcome> RunAsync(
        ImportPipeline pipeline, NpgsqlDataSource dataSource, Guid importId, string userId, IReadOnlyList<ImportInput> inputs, ImportChunking chunking)
    {
        using var memory = new MemorySampler(Progress);
        var token = _stop.Token;
        ImportRunContext? run = null;
        try
        {
            var runNo = await ImportRunFence.StartRunAsync(dataSource, importId, userId, token);
            run = new ImportRunContext(importId, userId, runNo, chunking);
            return new ImportRunOutcome(ImportRunEnd.Completed, await pipeline.RunAsync(run, inputs, Progress, token));
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            if (!_cancelledByOwner)
            {
                return new ImportRunOutcome(ImportRunEnd.Stopped);
            }

            if (run is not null)
            {
                await pipeline.AbandonAsync(run, "the import was cancelled while this file was being read", CancellationToken.None);
            }

            return new ImportRunOutcome(ImportRunEnd.Cancelled, await pipeline.ReadTotalsAsync(importId, userId, CancellationToken.None));
        }
        catch (ImportRunSupersededException exception)
        {
            return new ImportRunOutcome(ImportRunEnd.Superseded, Message: exception.Message);
        }
        catch (ImportFailedException exception)
        {
            await pipeline.AbandonAsync(run!, "the import stopped at its limits", CancellationToken.None);
            return new ImportRunOutcome(ImportRunEnd.Failed, await pipeline.ReadTotalsAsync(importId, userId, CancellationToken.None), exception.Message);
        }
        catch (Exception exception)
        {
            return new ImportRunOutcome(ImportRunEnd.Crashed, Message: exception.Message, Error: exception);
        }
    }
}
