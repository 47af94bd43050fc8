using Datapunk.Actors.Cluster;
using Datapunk.Actors.Runtime;
using Datapunk.Actors.Transport;

namespace Datapunk.Actors.Client;

/// <summary>
/// Calls grains from a process that is not a silo (tools, tests, other services) over the silo
/// transport, following the cluster's redirects to each grain's owner.
/// </summary>
public sealed class ClusterClient : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly GrainTypeRegistry _registry = new();
    private readonly ClientRouting _routing;
    private readonly ConnectionManager _connections;
    private readonly CallRouter _router;
    private readonly long _callTimeoutTicks;

    public ClusterClient(ClusterClientOptions options)
    {
        if (options.Gateways.Count == 0)
        {
            throw new ArgumentException("A cluster client needs at least one gateway address.", nameof(options));
        }

        _options = options;
        _routing = new ClientRouting(options);
        JsonOptions = GrainReferenceJsonConverterFactory.CreateOptions(GetReference);
        _connections = new ConnectionManager(options.ClusterId, JsonOptions, requestHandler: null);
        _router = new CallRouter(_routing, _connections);
        _routing.Start(_connections);
        _callTimeoutTicks = (long)(options.CallTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public JsonSerializerOptions JsonOptions { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
        Create<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainId.KeyOf(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainId.KeyOf(primaryKey));

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var partition = PartitionHasher.PartitionOf(target.GrainId, _options.PartitionCount);
        return _router.InvokeAsync(target.GrainId, partition, request, chain: null, Stopwatch.GetTimestamp() + _callTimeoutTicks, local: null);
    }

    public async ValueTask DisposeAsync()
    {
        await _routing.DisposeAsync();
        await _connections.DisposeAsync();
    }

    private GrainReference GetReference(Type interfaceType, GrainId grainId) =>
        _registry.GetDescriptor(interfaceType).CreateReference(grainId, this);

    private TGrainInterface Create<TGrainInterface>(string key) =>
        (TGrainInterface)(object)GetReference(typeof(TGrainInterface), new GrainId(_registry.GetTypeName(typeof(TGrainInterface)), key));
}
