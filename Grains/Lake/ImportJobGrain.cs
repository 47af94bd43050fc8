using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Datapunk.Lake.Uploads;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Datapunk.Grains;

/// <summary>
/// One import from start to finish. The pipeline runs outside the grain's turns (<see cref="ImportRun"/>);
/// a grain timer checkpoints its figures and records how it ended, so every state write happens on
/// the grain's turn. A durable reminder wakes the grain on another silo if this one dies, and the
/// new activation resumes from the stored checkpoint.
/// </summary>
[GrainType("import-job"), CollectionAgeLimit(Minutes = 5)]
public sealed class ImportJobGrain(
    [PersistentState(ImportJobState.Name, GrainStorage.Name)] IPersistentState<ImportJobState> state,
    ImportPipeline pipeline, ImportActivity activity, NpgsqlDataSource dataSource, ImportJobsTable jobs, ImportPipelineOptions options, UploadImports uploads,
    IConnectionMultiplexer redis, ILogger<ImportJobGrain> logger)
    : Grain, IImportJobGrain, IRemindable, IPersonalDataGrain
{
    public string? OwnerUserId => state.State.UserId;

    private const string ResumeReminder = "resume";
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(250);

    private ImportRun? _run;
    private IGrainTimer? _ticks;
    private DateTimeOffset _lastCheckpoint;
    private string? _publishedShape;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.CreatedAt is not null && !state.State.Status.IsFinished())
        {
            ImportJobLog.Resuming(logger, this.GetPrimaryKey(), RuntimeIdentity);
            StartRun();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsRunning: true } run)
        {
            run.Stop();
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(8), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<ImportProgress> StartAsync(StartImport request)
    {
        if (state.State.CreatedAt is not null)
        {
            return Current()!;
        }

        ImportRequests.Validate(request);
        if (CallerContext.UserId is { } caller && caller != request.UserId)
        {
            throw new PersonalDataAccessDeniedException($"An import for user '{request.UserId}' cannot be started on behalf of '{caller}'.");
        }

        var created = new ImportJobState
        {
            UserId = request.UserId,
            Paths = [.. request.Inputs.Select(input => input.Name)],
            Inputs = [.. request.Inputs],
            Uploads = [.. request.Uploads],
            KeepOriginals = request.KeepOriginals,
            Status = ImportState.Scanning,
            CreatedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow,
            Chunking = options.Chunking,
        };
        var first = ImportReports.Initial(this.GetPrimaryKey(), created);
        await jobs.CreateAsync(first with { Status = ImportState.Created }, CancellationToken.None);
        await this.RegisterOrUpdateReminder(ResumeReminder, options.ResumeReminderPeriod, options.ResumeReminderPeriod);
        state.State = created with { Progress = first };
        await state.WriteStateAsync();
        StartRun();
        PublishProgress();
        return Current()!;
    }

    public Task<ImportProgress?> GetStatusAsync() => Task.FromResult(Current());

    public async Task<IReadOnlyList<ImportFileReport>> GetFilesAsync(string? status, int offset) =>
        state.State.CreatedAt is null
            ? []
            : await pipeline.ReadFilesAsync(this.GetPrimaryKey(), state.State.UserId!, status, offset, CancellationToken.None);

    public async Task<ImportProgress?> CancelAsync()
    {
        if (state.State.CreatedAt is null || state.State.Status.IsFinished())
        {
            return Current();
        }

        var run = _run;
        _run = null;
        var outcome = new ImportRunOutcome(ImportRunEnd.Cancelled);
        if (run is not null)
        {
            run.Cancel();
            outcome = await run.Completion;
        }

        if (outcome.End != ImportRunEnd.Cancelled || outcome.Totals is null)
        {
            outcome = new ImportRunOutcome(
                ImportRunEnd.Cancelled, await pipeline.ReadTotalsAsync(this.GetPrimaryKey(), state.State.UserId!, CancellationToken.None));
        }

        await FinishAsync(ImportState.Cancelled, outcome.Totals, "The import was cancelled; records stored before stay.", run);
        return Current();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.CreatedAt is null || state.State.Status.IsFinished())
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else if (_run is null)
        {
            StartRun();
        }
    }

    private void StartRun()
    {
        var job = state.State;
        _run = ImportRun.Start(pipeline, activity, dataSource, this.GetPrimaryKey(), job.UserId!, job.InputsToRead, job.Chunking);
        _ticks ??= this.RegisterGrainTimer(OnTickAsync, job, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true });
    }

    private async Task OnTickAsync(ImportJobState _, CancellationToken cancellationToken)
    {
        await FollowRunAsync();
        PublishProgress();
    }

    private async Task FollowRunAsync()
    {
        if (_run is not { } run || state.State.Status.IsFinished())
        {
            return;
        }

        if (!run.Completion.IsCompleted)
        {
            if (DateTimeOffset.UtcNow - _lastCheckpoint >= options.CheckpointInterval || run.Progress.Phase != state.State.Status)
            {
                await CheckpointAsync(run);
            }

            return;
        }

        _run = null;
        var outcome = await run.Completion;
        switch (outcome.End)
        {
            case ImportRunEnd.Completed:
                await FinishAsync(ImportState.Completed, outcome.Totals, null, run);
                break;
            case ImportRunEnd.Failed:
            case ImportRunEnd.Cancelled:
                await FinishAsync(outcome.End == ImportRunEnd.Failed ? ImportState.Failed : ImportState.Cancelled, outcome.Totals, outcome.Message, run);
                break;
            case ImportRunEnd.Crashed:
                await RecordCrashAsync(outcome, run);
                break;
            case ImportRunEnd.Superseded:
                // Another silo runs this import now; this activation only holds a stale copy.
                ImportJobLog.RunEnded(logger, this.GetPrimaryKey(), outcome.End.ToString(), outcome.Message ?? "");
                DeactivateOnIdle();
                break;
            default:
                ImportJobLog.RunEnded(logger, this.GetPrimaryKey(), outcome.End.ToString(), outcome.Message ?? "");
                break;
        }
    }

    private async Task CheckpointAsync(ImportRun run)
    {
        var progress = run.Progress.ApplyTo(ImportReports.Initial(this.GetPrimaryKey(), state.State) with
        {
            PeakMemoryBytes = state.State.Progress?.PeakMemoryBytes ?? 0,
        });
        var phaseChanged = progress.Status != state.State.Status;
        state.State = state.State with { Status = progress.Status, Progress = progress };
        await state.WriteStateAsync();
        _lastCheckpoint = DateTimeOffset.UtcNow;
        if (phaseChanged)
        {
            await jobs.UpdateAsync(Current()!, CancellationToken.None);
        }
    }

    private async Task RecordCrashAsync(ImportRunOutcome outcome, ImportRun run)
    {
        ImportJobLog.RunCrashed(logger, outcome.Error, this.GetPrimaryKey(), state.State.CrashedRuns + 1);
        if (state.State.CrashedRuns + 1 >= options.MaxRunAttempts)
        {
            var totals = await pipeline.ReadTotalsAsync(this.GetPrimaryKey(), state.State.UserId!, CancellationToken.None);
            await FinishAsync(ImportState.Failed, totals, $"The import stopped on an unexpected error {options.MaxRunAttempts} times; last: {outcome.Message}", run);
            return;
        }

        // The reminder starts the next run; the stored rows say where it resumes.
        state.State = state.State with { CrashedRuns = state.State.CrashedRuns + 1, Message = outcome.Message };
        await state.WriteStateAsync();
    }

    private async Task FinishAsync(ImportState end, ImportTotals? totals, string? message, ImportRun? run = null)
    {
        var finishedAt = DateTimeOffset.UtcNow;
        var job = state.State with { Status = end, FinishedAt = finishedAt, StartedAt = state.State.StartedAt ?? finishedAt, Message = message };
        var progress = ImportReports.Final(this.GetPrimaryKey(), job, totals, Math.Max(job.Progress?.PeakMemoryBytes ?? 0, run?.Progress.PeakMemoryBytes ?? 0));
        state.State = job with { Progress = progress };
        await state.WriteStateAsync();
        await jobs.UpdateAsync(progress, CancellationToken.None);
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _ticks?.Dispose();
        _ticks = null;
        ImportJobLog.Finished(logger, this.GetPrimaryKey(), end.ToString(), progress.Seconds);
        PublishProgress();
        await ReleaseUploadsAsync();
        await TellCortexAsync();
        await RetrainModelsAsync();
        await RequestEmbeddingAsync();
        await RequestCatalogRefreshAsync();
    }

    /// <summary>The user's catalog counts, describes and scores what this import stored, in the background (docs/catalog.md).</summary>
    private async Task RequestCatalogRefreshAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ICatalogGrain>(state.State.UserId!).RequestRefreshAsync("import");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ImportJobLog.CatalogNotRefreshed(logger, exception, this.GetPrimaryKey());
        }
    }

    /// <summary>Records stored by this import (even one that failed later) change where the user's clock was: Cortex works it out again.</summary>
    private async Task TellCortexAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ICortexGrain>(state.State.UserId!).LocalTimesChangedAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ImportJobLog.CortexNotTold(logger, exception, this.GetPrimaryKey());
        }
    }

    /// <summary>The user's models learn from what this import stored (even one that failed later kept its records).</summary>
    private async Task RetrainModelsAsync()
    {
        try
        {
            await ForgeTriggers.DataChangedAsync(GrainFactory, state.State.UserId!, "import");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ImportJobLog.ModelsNotRetrained(logger, exception, this.GetPrimaryKey());
        }
    }

    /// <summary>
    /// The records it stored get vectors for semantic search in the background (Cortex); full-text and
    /// fuzzy search found them the moment they were merged. Whatever the import's end: a cancelled or
    /// failed import keeps the records it stored.
    /// </summary>
    private async Task RequestEmbeddingAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ICortexGrain>(state.State.UserId!).RequestEmbeddingAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ImportJobLog.EmbeddingNotRequested(logger, exception, this.GetPrimaryKey());
        }
    }

    /// <summary>The uploads it read leave the spool with the import's end, unless the user keeps the originals.</summary>
    private async Task ReleaseUploadsAsync()
    {
        var job = state.State;
        if (job.Uploads.Count == 0)
        {
            return;
        }

        try
        {
            await uploads.ReleaseAsync(job.UserId!, job.Uploads, job.KeepOriginals, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or NpgsqlException or UnauthorizedAccessException)
        {
            ImportJobLog.UploadsNotReleased(logger, exception, this.GetPrimaryKey());
        }
    }

    /// <summary>Tells followers on every silo (<see cref="ImportProgressFeed"/>) when the progress changed since last told.</summary>
    private void PublishProgress()
    {
        if (Current() is not { } progress)
        {
            return;
        }

        var shape = ImportProgressFeed.ShapeOf(progress);
        if (shape == _publishedShape)
        {
            return;
        }

        try
        {
            ImportProgressFeed.Publish(redis, state.State.UserId!, progress);
            _publishedShape = shape;
        }
        catch (RedisException exception)
        {
            ImportJobLog.ProgressNotPublished(logger, exception, this.GetPrimaryKey());
        }
    }

    private ImportProgress? Current()
    {
        var job = state.State;
        if (job.CreatedAt is null)
        {
            return null;
        }

        var stored = job.Progress ?? ImportReports.Initial(this.GetPrimaryKey(), job);
        var progress = _run is { IsRunning: true } run ? run.Progress.ApplyTo(stored) : stored with { Status = job.Status };
        return progress with
        {
            StartedAt = job.StartedAt,
            FinishedAt = job.FinishedAt,
            Seconds = ImportReports.Seconds(job),
            Message = job.Message,
        };
    }
}
