
namespace Datapunk.Actors.Runtime;

/// <summary>Activation and deactivation turns of an activation.</summary>
internal sealed partial class ActivationData
{
    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            _underConstruction = this;
            try
            {
                Instance = GrainClass.Create(Runtime.Services, this);
            }
            finally
            {
                _underConstruction = null;
            }

            foreach (var component in StatefulComponents)
            {
                await component.ReadAsync();
            }

            await Runtime.Catalog.RecordActivationStartAsync(this);
            await Instance.OnActivateAsync(cancellationToken);
            lock (_lock)
            {
                if (State == ActivationState.Creating)
                {
                    State = ActivationState.Valid;
                }
            }
        }
        catch (Exception exception)
        {
            Runtime.Log.ActivationFailed(exception, GrainId);
            List<IncomingCall> queued;
            lock (_lock)
            {
                State = ActivationState.Invalid;
                queued = DrainQueuedCallsLocked();
            }

            DisposeTimers();
            Runtime.Catalog.OnActivationStopped(this, new DeactivationReason(DeactivationReasonCode.ActivationFailed, exception.Message));
            foreach (var call in queued)
            {
                call.Fail(exception);
            }
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await Instance!.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception exception)
        {
            Runtime.Log.DeactivationFailed(exception, GrainId);
        }

        List<IncomingCall> queued;
        lock (_lock)
        {
            State = ActivationState.Invalid;
            queued = DrainQueuedCallsLocked();
        }

        Runtime.Catalog.OnActivationStopped(this, reason);
        Runtime.Redispatch(queued);
    }

    internal IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            if (State is ActivationState.Invalid or ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating and cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void UnregisterTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Queues one tick of <paramref name="timer"/> as a turn; returns false when the activation is gone.</summary>
    internal bool EnqueueTimerTick(GrainTimer timer)
    {
        lock (_lock)
        {
            if (State is not (ActivationState.Valid or ActivationState.Creating))
            {
                return false;
            }

            var tick = new TimerTick(timer);
            if (timer.Options.Interleave)
            {
                (_interleaved ??= new Queue<object>()).Enqueue(tick);
            }
            else
            {
                (_requests ??= new Queue<object>()).Enqueue(tick);
            }

            if (timer.Options.KeepAlive)
            {
                LastActiveTimestamp = Stopwatch.GetTimestamp();
            }

            ScheduleLocked();
            return true;
        }
    }

    private void RunTimerTick(TimerTick tick)
    {
        Task turn;
        try
        {
            turn = tick.Timer.InvokeCallbackAsync();
        }
        catch (Exception exception)
        {
            turn = Task.FromException(exception);
        }

        turn.GetAwaiter().UnsafeOnCompleted(() =>
        {
            if (turn.IsFaulted)
            {
                Runtime.Log.TimerFailed(turn.Exception.GetBaseException(), GrainId);
            }

            tick.Timer.OnTickCompleted();
        });

        if (!tick.Timer.Options.Interleave)
        {
            RunBlockingTurn(turn);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null)
            {
                return;
            }

            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Stop();
        }
    }

    private sealed record TimerTick(GrainTimer Timer);
}

internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}

/// <summary>Something bound to an activation that must be loaded before the grain's first call (persistent state).</summary>
internal interface IStatefulComponent
{
    Task ReadAsync();
}
