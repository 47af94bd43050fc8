namespace Datapunk.Actors.Runtime;

/// <summary>
/// The local activations of one [StatelessWorker] grain id: a call goes to an idle worker, or a new
/// one while under the limit, or else the worker with the fewest queued calls.
/// </summary>
internal sealed class StatelessWorkerPool(GrainRuntime runtime, GrainClassInfo grainClass, GrainId grainId)
{
    private readonly Lock _lock = new();
    private readonly List<WorkerSlot> _workers = [];

    public GrainId GrainId { get; } = grainId;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count(w => w.Activation.State != ActivationState.Invalid);
            }
        }
    }

    public void Dispatch(IncomingCall call)
    {
        while (true)
        {
            WorkerSlot slot;
            lock (_lock)
            {
                _workers.RemoveAll(w => w.Activation.State == ActivationState.Invalid);
                slot = _workers.FirstOrDefault(w => w.InFlight == 0) ?? (_workers.Count < grainClass.StatelessWorkerLimit
                    ? AddWorkerLocked()
                    : _workers.MinBy(w => w.InFlight)!);
                slot.InFlight++;
            }

            var tracked = new TrackedCall(call, slot, this);
            if (slot.Activation.TryEnqueue(tracked))
            {
                return;
            }

            Release(slot);
        }
    }

    public void RunMaintenance(long now)
    {
        List<WorkerSlot> workers;
        lock (_lock)
        {
            workers = [.. _workers];
        }

        foreach (var worker in workers)
        {
            worker.Activation.ExpireCalls(now);
            if (worker.Activation.IsIdleFor(now, grainClass.CollectionAge))
            {
                worker.Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle stateless worker."));
            }
        }
    }

    public void DeactivateAll(DeactivationReason reason)
    {
        lock (_lock)
        {
            foreach (var worker in _workers)
            {
                worker.Activation.RequestDeactivation(reason);
            }
        }
    }

    private WorkerSlot AddWorkerLocked()
    {
        var activation = new ActivationData(runtime, grainClass, GrainId, partition: -1, epoch: 0);
        var slot = new WorkerSlot(activation);
        _workers.Add(slot);
        runtime.Telemetry.ActivationCreated(GrainId.Type);
        activation.Start();
        return slot;
    }

    private void Release(WorkerSlot slot)
    {
        lock (_lock)
        {
            slot.InFlight--;
        }
    }

    private sealed class WorkerSlot(ActivationData activation)
    {
        public ActivationData Activation { get; } = activation;

        public int InFlight { get; set; }
    }

    /// <summary>Forwards the outcome and frees the worker's slot.</summary>
    private sealed class TrackedCall(IncomingCall inner, WorkerSlot slot, StatelessWorkerPool pool)
        : IncomingCall(inner.Target, inner.Request, inner.Chain, inner.DeadlineTimestamp)
    {
        private int _released;

        public override ActivityContext ParentActivity => inner.ParentActivity;

        protected override void CompleteCore<TResult>(TResult result)
        {
            ReleaseOnce();
            inner.Complete(result);
        }

        protected override void FailCore(Exception exception)
        {
            ReleaseOnce();
            inner.Fail(exception);
        }

        private void ReleaseOnce()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                pool.Release(slot);
            }
        }
    }
}
