namespace Datapunk.Actors.Runtime;

/// <summary>
/// One activation of one grain: its instance, its queues and its turn-based scheduler.
/// Work runs on the thread pool, one item at a time, with <see cref="ActivationSynchronizationContext"/>
/// as the current context so that continuations of grain code come back here.
/// </summary>
internal sealed partial class ActivationData : IThreadPoolWorkItem
{
    private const int MaxItemsPerSlice = 64;

    [ThreadStatic]
    private static ActivationData? _underConstruction;

    private readonly Lock _lock = new();
    private readonly ActivationSynchronizationContext _context;
    private Queue<object>? _ready;
    private Queue<object>? _requests;
    private Queue<object>? _interleaved;
    private List<IncomingCall>? _running;
    private List<GrainTimer>? _timers;
    private int _blockingTurns;
    private int _callsInFlight;
    private bool _scheduled;
    private IncomingCall? _currentBlockingCall;
    private DeactivationReason? _pendingDeactivation;

    public ActivationData(GrainRuntime runtime, GrainClassInfo grainClass, GrainId grainId, int partition, long epoch)
    {
        Runtime = runtime;
        GrainClass = grainClass;
        GrainId = grainId;
        Partition = partition;
        Epoch = epoch;
        _context = new ActivationSynchronizationContext(this);
        LastActiveTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The activation whose grain constructor is running on this thread.</summary>
    internal static ActivationData? UnderConstruction => _underConstruction;

    public GrainRuntime Runtime { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainId GrainId { get; }

    public int Partition { get; }

    /// <summary>The partition lease epoch this activation was created under; every write is fenced by it.</summary>
    public long Epoch { get; }

    public ActivationState State { get; private set; } = ActivationState.Creating;

    /// <summary>
    /// False once this activation may no longer act for its grain: it was dropped, or this silo stopped
    /// trusting the lease it was created under (a process resumed after a pause knows at once, by its own clock).
    /// </summary>
    public bool MayAct => State != ActivationState.Invalid && (Partition < 0 || Runtime.Ownership.IsLeaseTrusted(Partition, Epoch));

    public Grain? Instance { get; private set; }

    public long LastActiveTimestamp { get; private set; }

    internal List<IStatefulComponent> StatefulComponents { get; } = [];

    /// <summary>Starts the activation: constructs the grain, reads its state and runs OnActivateAsync as the first turn.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _blockingTurns++;
            (_ready ??= new Queue<object>()).Enqueue(new LifecycleTurn(ActivateAsync));
            ScheduleLocked();
        }
    }

    /// <summary>Queues a call; fails it at once if it would deadlock on this non-reentrant grain.</summary>
    public bool TryEnqueue(IncomingCall call)
    {
        call.Interleaves = GrainClass.IsReentrant || call.Request.Method.AlwaysInterleave;
        if (!call.Interleaves && call.Chain is { } chain && chain.Contains(GrainId))
        {
            call.Fail(new DeadlockException(
                $"Deadlock: {GrainId} is not reentrant and is already waiting in this call chain: {chain} -> {GrainId}." +
                $" The call to {call.Request.Method.InterfaceType.Name}.{call.Request.Method.Name} would wait for itself until it timed out."));
            return true;
        }

        lock (_lock)
        {
            if (State is ActivationState.Invalid)
            {
                return false;
            }

            _callsInFlight++;
            if (call.Interleaves)
            {
                (_interleaved ??= new Queue<object>()).Enqueue(call);
            }
            else
            {
                (_requests ??= new Queue<object>()).Enqueue(call);
            }

            ScheduleLocked();
            return true;
        }
    }

    /// <summary>Queues a continuation of grain code (called by the synchronization context).</summary>
    public void Post(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            (_ready ??= new Queue<object>()).Enqueue(new PostedCallback(callback, state));
            ScheduleLocked();
        }
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (State is ActivationState.Creating or ActivationState.Valid && _pendingDeactivation is null)
            {
                _pendingDeactivation = reason;
                ScheduleLocked();
            }
        }
    }

    /// <summary>True when nothing is queued or running and the activation was idle for longer than <paramref name="age"/>.</summary>
    public bool IsIdleFor(long now, TimeSpan age)
    {
        if (Volatile.Read(ref _callsInFlight) > 0 || Stopwatch.GetElapsedTime(LastActiveTimestamp, now) <= age)
        {
            return false;
        }

        lock (_lock)
        {
            return State == ActivationState.Valid && _blockingTurns == 0 && (_running?.Count ?? 0) == 0
                && (_requests?.Count ?? 0) == 0 && (_interleaved?.Count ?? 0) == 0 && (_ready?.Count ?? 0) == 0
                && Stopwatch.GetElapsedTime(LastActiveTimestamp, now) > age;
        }
    }

    /// <summary>Fails queued and running calls whose callers stopped waiting.</summary>
    public void ExpireCalls(long now)
    {
        if (Volatile.Read(ref _callsInFlight) == 0)
        {
            return;
        }

        List<IncomingCall>? expired = null;
        lock (_lock)
        {
            if (_running is { Count: > 0 })
            {
                foreach (var call in _running)
                {
                    if (!call.Failed && call.IsExpired(now))
                    {
                        (expired ??= []).Add(call);
                    }
                }
            }

            if (_requests is { Count: > 0 })
            {
                foreach (var item in _requests)
                {
                    if (item is IncomingCall queued && !queued.Failed && queued.IsExpired(now))
                    {
                        (expired ??= []).Add(queued);
                    }
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var call in expired)
        {
            call.Fail(Runtime.CreateTimeoutException(call, GrainId, waitingBehind: CurrentBlockingCall()));
        }
    }

    /// <summary>
    /// Drops the activation at once, without OnDeactivateAsync or state writes: its partition lease
    /// was lost, so another silo may already own the grain. Queued calls are routed again.
    /// </summary>
    public void Abandon(DeactivationReason reason)
    {
        List<IncomingCall> queued;
        lock (_lock)
        {
            if (State == ActivationState.Invalid)
            {
                return;
            }

            State = ActivationState.Invalid;
            queued = DrainQueuedCallsLocked();
        }

        DisposeTimers();
        Runtime.Catalog.OnActivationStopped(this, reason);
        Runtime.Redispatch(queued);
    }

    public void Execute()
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            for (var i = 0; i < MaxItemsPerSlice; i++)
            {
                object? item;
                lock (_lock)
                {
                    item = TakeNextLocked();
                    if (item is null)
                    {
                        _scheduled = false;
                        return;
                    }
                }

                Run(item);
            }

            // Yield the thread so one busy activation cannot starve the others.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    private object? TakeNextLocked()
    {
        if (_ready is { Count: > 0 })
        {
            return _ready.Dequeue();
        }

        if (State != ActivationState.Valid)
        {
            return null;
        }

        if (_interleaved is { Count: > 0 })
        {
            var next = _interleaved.Dequeue();
            return next is IncomingCall call ? StartCallLocked(call) : next;
        }

        if (_blockingTurns == 0 && _requests is { Count: > 0 })
        {
            var next = _requests.Dequeue();
            _blockingTurns++;
            return next is IncomingCall request ? StartCallLocked(request) : next;
        }

        if (_pendingDeactivation is not null && _blockingTurns == 0 && (_running?.Count ?? 0) == 0)
        {
            return StartDeactivationLocked(_pendingDeactivation.Value);
        }

        return null;
    }

    /// <summary>The chain that calls made by the running non-interleaved request carry.</summary>
    public CallChain? CurrentOutgoingChain() => Volatile.Read(ref _currentBlockingCall)?.OutgoingChain;

    private LifecycleTurn StartDeactivationLocked(DeactivationReason reason)
    {
        State = ActivationState.Deactivating;
        _blockingTurns++;
        return new LifecycleTurn(_ => DeactivateAsync(reason));
    }

    private IncomingCall StartCallLocked(IncomingCall call)
    {
        call.Activation = this;
        if (!call.Interleaves)
        {
            _currentBlockingCall = call;
        }

        (_running ??= new List<IncomingCall>(1)).Add(call);
        LastActiveTimestamp = Stopwatch.GetTimestamp();
        return call;
    }

    private void ScheduleLocked()
    {
        if (!_scheduled)
        {
            _scheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Run(object item)
    {
        switch (item)
        {
            case PostedCallback posted:
                try
                {
                    posted.Callback(posted.State);
                }
                catch (Exception exception)
                {
                    // An async void method's exception arrives here; letting it escape would end the process.
                    Runtime.Log.GrainCodeFailed(exception, GrainId);
                }

                break;
            case IncomingCall call:
                RunCall(call);
                break;
            case LifecycleTurn lifecycle:
                // Calls made while activating or from timers are part of this grain's chain too.
                CallChain.Current = CallChain.Extend(null, GrainId);
                RunBlockingTurn(lifecycle.Run(CancellationToken.None));
                CallChain.Current = null;
                break;
            case TimerTick tick:
                CallChain.Current = CallChain.Extend(null, GrainId);
                RunTimerTick(tick);
                CallChain.Current = null;
                break;
        }
    }

    private void RunCall(IncomingCall call)
    {
        if (call.IsExpired(Stopwatch.GetTimestamp()))
        {
            call.Fail(Runtime.CreateTimeoutException(call, GrainId, waitingBehind: null));
            FinishCall(call);
            return;
        }

        // Interleaving turns may run side by side, so only they need the chain in an async local;
        // a blocking turn's chain is found through the activation (see CurrentOutgoingChain).
        if (call.Interleaves)
        {
            CallChain.Current = call.OutgoingChain;
        }

        var previousActivity = Activity.Current;
        call.Activity = Telemetry.ActorTelemetry.StartCallActivity(GrainId, call);
        ValueTask pending;
        try
        {
            pending = Runtime.Filters.HasIncoming
                ? Runtime.Filters.InvokeIncomingAsync(this, call)
                : call.Request.InvokeIntoAsync(Instance!, call);
        }
        finally
        {
            if (call.Interleaves)
            {
                CallChain.Current = null;
            }

            Activity.Current = previousActivity;
        }

        if (pending.IsCompleted)
        {
            FinishCall(call);
            return;
        }

        FinishWhenDone(pending, call);
    }

    /// <summary>Kept apart from <see cref="RunCall"/> so the closure is only allocated for calls that really wait.</summary>
    private void FinishWhenDone(ValueTask pending, IncomingCall call) =>
        pending.GetAwaiter().UnsafeOnCompleted(() => FinishCall(call));

    private void FinishCall(IncomingCall call)
    {
        lock (_lock)
        {
            _running?.Remove(call);
            _callsInFlight--;
            if (!call.Interleaves)
            {
                _blockingTurns--;
                if (ReferenceEquals(_currentBlockingCall, call))
                {
                    _currentBlockingCall = null;
                }
            }

            LastActiveTimestamp = Stopwatch.GetTimestamp();
            ScheduleLocked();
        }

        Runtime.Telemetry.CallCompleted(this, call);
    }

    private void RunBlockingTurn(Task turn)
    {
        if (turn.IsCompleted)
        {
            EndBlockingTurn();
            return;
        }

        turn.GetAwaiter().UnsafeOnCompleted(EndBlockingTurn);
    }

    private void EndBlockingTurn()
    {
        lock (_lock)
        {
            _blockingTurns--;
            ScheduleLocked();
        }
    }

    private IncomingCall? CurrentBlockingCall()
    {
        lock (_lock)
        {
            return _running?.FirstOrDefault(call => !call.Interleaves);
        }
    }

    private List<IncomingCall> DrainQueuedCallsLocked()
    {
        var queued = new List<IncomingCall>();
        while (_requests is { Count: > 0 })
        {
            if (_requests.Dequeue() is IncomingCall call)
            {
                queued.Add(call);
            }
        }

        while (_interleaved is { Count: > 0 })
        {
            if (_interleaved.Dequeue() is IncomingCall call)
            {
                queued.Add(call);
            }
        }

        return queued;
    }

    private sealed record PostedCallback(SendOrPostCallback Callback, object? State);

    private sealed record LifecycleTurn(Func<CancellationToken, Task> Run);
}
