using Datapunk.Forge;
using Datapunk.Forge.Places;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Training;
using Datapunk.Lake.Pipeline;
using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>
/// One model of one user (key <c>user/kind</c>). A run trains off the grain's turns (<see cref="ModelTraining"/>);
/// a grain timer starts it and sees it end, so state writes stay on the grain's turn and a caller (an
/// import job ending) is answered before the grain calls anyone itself: the user grain it asks for the
/// time zone may be waiting on that very caller. While a run is
/// asked for and not done, a durable reminder wakes the grain on another silo if this one dies, and the
/// new activation runs it again; the registry's run fence keeps a stale activation from storing or
/// promoting anything.
/// </summary>
[GrainType("model"), CollectionAgeLimit(Minutes = 5)]
public sealed partial class ModelGrain(
    [PersistentState(ModelGrainState.Name, GrainStorage.Name)] IPersistentState<ModelGrainState> state,
    ModelTraining training, ModelRegistry registry, ForgeOptions options, ImportActivity imports, ILogger<ModelGrain> logger)
    : Grain, IModelGrain, IRemindable, IPersonalDataGrain
{
    private const string ResumeReminder = "train";
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(250);

    private Task<TrainingOutcome>? _run;
    private long _runFor;
    private CancellationTokenSource? _stop;
    private IGrainTimer? _ticks;

    public string? OwnerUserId => User;

    private string User => ModelKeys.Parse(this.GetPrimaryKeyString()).UserId;

    private string Kind => ModelKeys.Parse(this.GetPrimaryKeyString()).Kind;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Pending && ModelKinds.IsKnown(Kind))
        {
            ModelGrainLog.Resuming(logger, this.GetPrimaryKeyString(), RuntimeIdentity);
            EnsureTicking();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            _stop?.Cancel();
            await run.WaitAsync(TimeSpan.FromSeconds(8), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<ModelOverview> TrainAsync(string reason)
    {
        RequireKind(Kind);
        state.State = state.State with { Requested = state.State.Requested + 1, Reason = reason };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, options.ResumeReminderPeriod, options.ResumeReminderPeriod);
        EnsureTicking();
        return await GetAsync();
    }

    public async Task<ModelOverview> GetAsync(CancellationToken cancellationToken = default)
    {
        RequireKind(Kind);
        var versions = await registry.ListAsync(User, Kind, cancellationToken);
        return new ModelOverview(
            Kind, _run is not null || state.State.Pending, versions.FirstOrDefault(version => version.Status == ModelStatuses.Promoted)?.Version, versions);
    }

    public async Task<ModelOverview> PromoteAsync(int version)
    {
        RequireKind(Kind);
        await registry.PromoteAsync(User, Kind, version, Kind == ModelKinds.Places ? PlacesService.CatchUpAsync : null, CancellationToken.None);
        await DependentsTrainAsync("places promoted");
        return await GetAsync();
    }

    public async Task<ModelOverview> RollbackAsync()
    {
        RequireKind(Kind);
        await registry.RollbackAsync(User, Kind, Kind == ModelKinds.Places ? PlacesService.CatchUpAsync : null, CancellationToken.None);
        await DependentsTrainAsync("places rolled back");
        return await GetAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.State.Pending)
        {
            await ForgetReminderAsync();
        }
        else
        {
            EnsureTicking();
        }
    }

    private void EnsureTicking() =>
        _ticks ??= this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true });

    private async Task StartRunAsync()
    {
        var profile = await GrainFactory.GetGrain<IUserGrain>(User).GetProfileAsync();
        var (user, kind, reason, silo) = (User, Kind, state.State.Reason, RuntimeIdentity);
        var zone = profile?.TimeZone ?? "UTC";
        _runFor = state.State.Requested;
        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        _run = Task.Run(async () =>
        {
            // Imports running in this silo go first: the data they write would train this model again anyway.
            try
            {
                await imports.YieldToImportsAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return new TrainingOutcome(TrainingEnd.Stopped);
            }

            return await training.RunAsync(user, kind, zone, reason, silo, stop);
        }, CancellationToken.None);
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_run is null && state.State.Pending)
        {
            try
            {
                await StartRunAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The user grain or the silo is not answering: the reminder tries again, not every tick.
                ModelGrainLog.RunEnded(logger, this.GetPrimaryKeyString(), "before it started", exception.Message);
                StopTicking();
            }

            return;
        }

        if (_run is not { IsCompleted: true } run)
        {
            return;
        }

        _run = null;
        if (run.IsFaulted)
        {
            // The run could not even start (the database away): the request stays, and the reminder tries again.
            ModelGrainLog.RunEnded(logger, this.GetPrimaryKeyString(), "with an error", run.Exception?.GetBaseException().Message ?? "");
            StopTicking();
            return;
        }

        var outcome = await run;
        ModelGrainLog.RunEnded(logger, this.GetPrimaryKeyString(), outcome.End.ToString(), outcome.Message ?? $"version {outcome.Version}");
        switch (outcome.End)
        {
            case TrainingEnd.Superseded:
                // Another activation runs this model now; this one only holds a stale copy.
                DeactivateOnIdle();
                return;
            case TrainingEnd.Stopped:
                return;
            case TrainingEnd.Completed:
                await DependentsTrainAsync("places retrained");
                break;
        }

        state.State = state.State with { Done = _runFor };
        await state.WriteStateAsync();
        if (state.State.Pending)
        {
            // Asked for again during the run: the next tick starts one more.
            return;
        }

        StopTicking();
        await ForgetReminderAsync();
    }

    private void StopTicking()
    {
        _ticks?.Dispose();
        _ticks = null;
    }

    /// <summary>Home, work and routines are computed from the served places: a new version of those makes them train again.</summary>
    private async Task DependentsTrainAsync(string reason)
    {
        if (Kind != ModelKinds.Places)
        {
            return;
        }

        var dependent = ModelKeys.Of(User, ModelKinds.Routines);
        try
        {
            await GrainFactory.GetGrain<IModelGrain>(dependent).TrainAsync(reason);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ModelGrainLog.DependentNotTold(logger, exception, this.GetPrimaryKeyString(), dependent);
        }
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static void RequireKind(string kind, string? expected = null)
    {
        if (!ModelKinds.IsKnown(kind) || (expected is not null && kind != expected))
        {
            throw new ArgumentException(expected is null ? ModelKinds.Unknown(kind) : $"This is the {kind} model; ask the {expected} model.", nameof(kind));
        }
    }
}
