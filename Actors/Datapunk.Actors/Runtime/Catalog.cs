using Datapunk.Actors.Storage;

namespace Datapunk.Actors.Runtime;

/// <summary>The activations of one silo: lookup, creation, stateless worker pools and removal.</summary>
internal sealed class Catalog(GrainRuntime runtime, ActivationHistory history)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    /// <summary>Activation counts by grain type, stateless worker pools included.</summary>
    public Dictionary<string, int> CountByType()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in _activations.Values)
        {
            counts[activation.GrainId.Type] = counts.GetValueOrDefault(activation.GrainId.Type) + 1;
        }

        foreach (var pool in _workerPools.Values)
        {
            counts[pool.GrainId.Type] = counts.GetValueOrDefault(pool.GrainId.Type) + pool.Count;
        }

        return counts;
    }

    /// <summary>Queues the call on the grain's activation in this silo, creating it under <paramref name="epoch"/> if needed.</summary>
    public void Dispatch(GrainClassInfo grainClass, GrainId grainId, int partition, long epoch, IncomingCall call)
    {
        if (grainClass.IsStatelessWorker)
        {
            DispatchToWorkerPool(grainClass, grainId, call);
            return;
        }

        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                var created = new ActivationData(runtime, grainClass, grainId, partition, epoch);
                activation = _activations.GetOrAdd(grainId, created);
                if (ReferenceEquals(activation, created))
                {
                    runtime.Telemetry.ActivationCreated(grainId.Type);
                    created.Start();
                }
            }

            if (activation.Epoch != epoch)
            {
                // Left over from an earlier lease on this partition: it must not serve the new one.
                activation.Abandon(new DeactivationReason(DeactivationReasonCode.OwnershipLost, "The partition was re-acquired under a new epoch."));
                _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(grainId, activation));
                continue;
            }

            if (activation.TryEnqueue(call))
            {
                return;
            }

            // The activation was just invalidated; its entry is about to go, so make a fresh one.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(grainId, activation));
        }
    }

    private void DispatchToWorkerPool(GrainClassInfo grainClass, GrainId grainId, IncomingCall call) =>
        _workerPools.GetOrAdd(grainId, static (id, state) => new StatelessWorkerPool(state.Runtime, state.GrainClass, id), (Runtime: runtime, GrainClass: grainClass))
            .Dispatch(call);

    public void OnActivationStopped(ActivationData activation, DeactivationReason reason)
    {
        if (activation.GrainClass.IsStatelessWorker)
        {
            runtime.Telemetry.ActivationStopped(activation.GrainId.Type);
            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
        runtime.Telemetry.ActivationStopped(activation.GrainId.Type);
        history.RecordStop(activation, reason);
    }

    public Task RecordActivationStartAsync(ActivationData activation) =>
        activation.GrainClass.IsStatelessWorker ? Task.CompletedTask : history.RecordStartAsync(activation);

    /// <summary>Drops every activation of partitions this silo no longer owns.</summary>
    public void AbandonPartitions(IReadOnlySet<int> partitions, DeactivationReason reason)
    {
        foreach (var activation in _activations.Values)
        {
            if (partitions.Contains(activation.Partition))
            {
                activation.Abandon(reason);
            }
        }
    }

    /// <summary>Deactivates the activations of a partition gracefully and completes when all are gone.</summary>
    public async Task DeactivatePartitionAsync(int partition, DeactivationReason reason, CancellationToken cancellationToken)
    {
        var targets = _activations.Values.Where(a => a.Partition == partition).ToList();
        foreach (var activation in targets)
        {
            activation.RequestDeactivation(reason);
        }

        while (targets.Any(a => a.State != ActivationState.Invalid) && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Collects idle activations and fails calls whose callers stopped waiting.</summary>
    public void RunMaintenance()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var activation in _activations.Values)
        {
            activation.ExpireCalls(now);
            if (activation.IsIdleFor(now, activation.GrainClass.CollectionAge))
            {
                activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle for longer than the collection age."));
            }
        }

        foreach (var pool in _workerPools.Values)
        {
            pool.RunMaintenance(now);
        }
    }

    /// <summary>Deactivates everything gracefully (silo shutdown).</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var targets = _activations.Values.ToList();
        foreach (var activation in targets)
        {
            activation.RequestDeactivation(reason);
        }

        foreach (var pool in _workerPools.Values)
        {
            pool.DeactivateAll(reason);
        }

        while (targets.Any(a => a.State != ActivationState.Invalid) && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
