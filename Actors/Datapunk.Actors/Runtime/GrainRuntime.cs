using Datapunk.Actors.Cluster;
using Datapunk.Actors.Hosting;
using Datapunk.Actors.Reminders;
using Datapunk.Actors.Storage;
using Datapunk.Actors.Telemetry;
using Datapunk.Actors.Transport;
using Microsoft.Extensions.Logging;

namespace Datapunk.Actors.Runtime;

/// <summary>
/// The heart of a silo: the grain factory and call invoker that grain code and the gateway use.
/// A call to a grain whose partition this silo owns is queued on the local activation without
/// serialization; any other call is sent to the owner.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IGrainCallInvoker, ILocalCallTarget
{
    private readonly long _callTimeoutTicks;
    private CallRouter? _router;
    private IPartitionOwnership? _ownership;

    public GrainRuntime(
        ActorRuntimeOptions options,
        IServiceProvider services,
        GrainTypeRegistry registry,
        ActivationHistory history,
        CallFilterPipeline filters,
        ActorTelemetry telemetry,
        ILogger<GrainRuntime> logger)
    {
        Options = options;
        Services = services;
        Registry = registry;
        Filters = filters;
        Telemetry = telemetry;
        Log = new RuntimeLog(logger);
        Catalog = new Catalog(this, history);
        SiloId = $"{options.AdvertisedHost}:{options.SiloPort}@{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Random.Shared.Next(1000, 9999)}";
        _callTimeoutTicks = (long)(options.CallTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public string SiloId { get; private set; }

    public string SiloAddress { get; private set; } = "";

    public ActorRuntimeOptions Options { get; }

    public IServiceProvider Services { get; }

    public GrainTypeRegistry Registry { get; }

    public Catalog Catalog { get; }

    public CallFilterPipeline Filters { get; }

    public ActorTelemetry Telemetry { get; }

    public RuntimeLog Log { get; }

    public ReminderService Reminders { get; private set; } = null!;

    public IPartitionOwnership Ownership => _ownership ?? throw new InvalidOperationException("The silo has not started.");

    public JsonSerializerOptions JsonOptions { get; private set; } = null!;

    /// <summary>Wires the parts that are created after the runtime (they need it themselves).</summary>
    internal void Attach(string siloAddress, IPartitionOwnership ownership, ConnectionManager connections, ReminderService reminders, JsonSerializerOptions jsonOptions)
    {
        SiloAddress = siloAddress;
        SiloId = $"{siloAddress}@{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Random.Shared.Next(1000, 9999)}";
        _ownership = ownership;
        _router = new CallRouter(ownership, connections);
        Reminders = reminders;
        JsonOptions = jsonOptions;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
        CreateReference<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        CreateReference<TGrainInterface>(GrainId.KeyOf(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        CreateReference<TGrainInterface>(GrainId.KeyOf(primaryKey));

    /// <summary>A reference of the right proxy type for a grain id read from the wire or from storage.</summary>
    public GrainReference GetReference(Type interfaceType, GrainId grainId) =>
        Bind(Registry.GetDescriptor(interfaceType).CreateReference(grainId, this));

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        if (SynchronizationContext.Current is ActivationSynchronizationContext { Activation: { MayAct: false } caller })
        {
            // A silo resumed after a pause must not act on other grains for a grain it no longer owns.
            return Task.FromException<TResult>(new OwnershipLostException(
                $"{caller.GrainId} cannot call {target.GrainId}.{request.Method.Name}: silo {SiloId} no longer owns partition " +
                $"{caller.Partition} at epoch {caller.Epoch}."));
        }

        var chain = CallerChain();
        var deadline = Stopwatch.GetTimestamp() + _callTimeoutTicks;
        return Filters.HasOutgoing
            ? InvokeThroughFiltersAsync(target, request, chain, deadline)
            : Dispatch(target, request, chain, deadline);
    }

    /// <summary>Runs a call that arrived from another process, if this silo owns the grain; false means "moved".</summary>
    public bool TryDispatchRemote(GrainId target, IncomingCall call)
    {
        if (!Registry.TryGetImplementation(target.Type, out var grainClass))
        {
            call.Fail(new InvalidOperationException($"No grain class implementing {target.Type} is registered in silo {SiloId}."));
            return true;
        }

        if (grainClass.IsStatelessWorker)
        {
            Catalog.Dispatch(grainClass, target, -1, 0, call);
            return true;
        }

        var partition = PartitionHasher.PartitionOf(target, Ownership.PartitionCount);
        if (!Ownership.TryGetLocalLease(partition, out var epoch))
        {
            return false;
        }

        Catalog.Dispatch(grainClass, target, partition, epoch, call);
        return true;
    }

    /// <summary>Sends calls that were queued on an activation that went away back through routing.</summary>
    public void Redispatch(List<IncomingCall> calls)
    {
        foreach (var call in calls)
        {
            _ = RedispatchAsync(call);
        }
    }

    internal GrainCallTimeoutException CreateTimeoutException(IncomingCall call, GrainId target, IncomingCall? waitingBehind)
    {
        var method = $"{call.Request.Method.InterfaceType.Name}.{call.Request.Method.Name}";
        var chain = call.Chain is null ? "" : $" Call chain: {call.Chain} -> {target}.";
        var blocker = waitingBehind is null || ReferenceEquals(waitingBehind, call)
            ? ""
            : $" It was queued behind {waitingBehind.Request.Method.Name}" +
              (waitingBehind.Chain is null ? "" : $" called via {waitingBehind.Chain}") + ", which had not finished.";
        return new GrainCallTimeoutException(
            $"The call to {target}.{method} did not complete within {Options.CallTimeout.TotalSeconds:0.###} s on silo {SiloId}.{chain}{blocker}");
    }

    /// <summary>
    /// The chain of the grain code making a call: an interleaving turn carries it in an async local;
    /// otherwise the activation whose context runs this code knows its one running request, which
    /// spares the common non-reentrant call an execution-context change.
    /// </summary>
    private static CallChain? CallerChain() =>
        CallChain.Current ?? (SynchronizationContext.Current as ActivationSynchronizationContext)?.Activation.CurrentOutgoingChain();

    private TGrainInterface CreateReference<TGrainInterface>(string key)
    {
        var descriptor = Registry.GetDescriptor(typeof(TGrainInterface));
        var grainId = new GrainId(Registry.GetTypeName(typeof(TGrainInterface)), key);
        return (TGrainInterface)(object)Bind(descriptor.CreateReference(grainId, this));
    }

    /// <summary>Caches what every call to this reference needs: its partition and local grain class.</summary>
    private GrainReference Bind(GrainReference reference)
    {
        reference.Partition = PartitionHasher.PartitionOf(reference.GrainId, Options.PartitionCount);
        reference.GrainClass = Registry.TryGetImplementation(reference.GrainId.Type, out var grainClass) ? grainClass : null;
        return reference;
    }

    private Task<T> InvokeThroughFiltersAsync<T>(GrainReference target, GrainRequest<T> request, CallChain? chain, long deadline) =>
        Filters.InvokeOutgoingAsync(target.GrainId, request, chain, () => Dispatch(target, request, chain, deadline));

    private Task<T> Dispatch<T>(GrainReference target, GrainRequest<T> request, CallChain? chain, long deadline)
    {
        if (target.Partition < 0 || !ReferenceEquals(target.Invoker, this))
        {
            Bind(target);
        }

        var grainClass = target.GrainClass;
        if (grainClass is { IsStatelessWorker: true })
        {
            var workerCall = new LocalCall<T>(target.GrainId, request, chain, deadline)
            {
                Parent = ActorTelemetry.Source.HasListeners() ? Activity.Current : null,
            };
            Catalog.Dispatch(grainClass, target.GrainId, -1, 0, workerCall);
            return workerCall.Task;
        }

        return TryDispatchLocal(grainClass, target.GrainId, target.Partition, request, chain, deadline)
            ?? _router!.InvokeAsync(target.GrainId, target.Partition, request, chain, deadline, this);
    }

    /// <summary>Queues the call here when this silo owns the partition; null means "route it".</summary>
    internal Task<T>? TryDispatchLocal<T>(GrainClassInfo? grainClass, GrainId target, int partition, GrainRequest<T> request, CallChain? chain, long deadline)
    {
        if (!Ownership.TryGetLocalLease(partition, out var epoch))
        {
            return null;
        }

        if (grainClass is null)
        {
            return Task.FromException<T>(new InvalidOperationException(
                $"No grain class implementing {target.Type} is registered in silo {SiloId}, which owns the grain's partition."));
        }

        var call = new LocalCall<T>(target, request, chain, deadline)
        {
            Parent = ActorTelemetry.Source.HasListeners() ? Activity.Current : null,
        };
        Catalog.Dispatch(grainClass, target, partition, epoch, call);
        return call.Task;
    }

    Task<T>? ILocalCallTarget.TryDispatchLocal<T>(GrainId target, int partition, GrainRequest<T> request, CallChain? chain, long deadline)
    {
        Registry.TryGetImplementation(target.Type, out var grainClass);
        return TryDispatchLocal(grainClass, target, partition, request, chain, deadline);
    }

    internal async Task RerouteAsync<T>(GrainRequest<T> request, IncomingCall call)
    {
        if (TryDispatchRemote(call.Target, call))
        {
            return;
        }

        var partition = PartitionHasher.PartitionOf(call.Target, Ownership.PartitionCount);
        if (call.TryReplyMoved(Ownership.GetOwnerAddress(partition)))
        {
            return;
        }

        var result = await _router!.InvokeAsync(call.Target, partition, request, call.Chain, call.DeadlineTimestamp, this);
        call.Complete(result);
    }

    private async Task RedispatchAsync(IncomingCall call)
    {
        try
        {
            await call.Request.RedispatchAsync(this, call);
        }
        catch (Exception exception)
        {
            call.Fail(exception);
        }
    }
}
