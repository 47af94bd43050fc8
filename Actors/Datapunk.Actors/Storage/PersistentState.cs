using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Storage;

/// <summary>The <see cref="IPersistentState{TState}"/> handed to a grain constructor, bound to its activation.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IStatefulComponent
    where TState : new()
{
    private readonly ActivationData _activation;
    private readonly IGrainStorage _storage;
    private readonly GrainStateKey _key;

    public PersistentState(ActivationData activation, string stateName, IGrainStorage storage)
    {
        if (activation.GrainClass.IsStatelessWorker)
        {
            throw new InvalidOperationException(
                $"{activation.GrainClass.ImplementationType.Name} is a [StatelessWorker] and cannot have persistent state '{stateName}'.");
        }

        _activation = activation;
        _storage = storage;
        _key = new GrainStateKey(activation.GrainId, stateName);
        activation.StatefulComponents.Add(this);
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync()
    {
        var stored = await _storage.ReadAsync(_key);
        if (stored is null)
        {
            State = new TState();
            Etag = null;
            return;
        }

        try
        {
            State = JsonSerializer.Deserialize<TState>(stored.Json, _activation.Runtime.JsonOptions) ?? new TState();
        }
        catch (JsonException exception)
        {
            throw new InconsistentStateException(
                $"Stored state '{_key.StateName}' of {_key.GrainId} cannot be read as {typeof(TState).Name}: {exception.Message}", exception);
        }

        Etag = stored.Etag;
    }

    public async Task WriteStateAsync()
    {
        var json = JsonSerializer.Serialize(State, _activation.Runtime.JsonOptions);
        Etag = await _storage.WriteAsync(_key, json, Etag, Fence);
    }

    public async Task ClearStateAsync()
    {
        await _storage.ClearAsync(_key, Etag, Fence);
        State = new TState();
        Etag = null;
    }

    Task IStatefulComponent.ReadAsync() => ReadStateAsync();

    private WriteFence Fence => new(_activation.Runtime.SiloId, _activation.Partition, _activation.Epoch);
}

/// <summary>Creates the persistent state objects that grain constructors ask for.</summary>
internal sealed class PersistentStateFactory(IServiceProvider services, IGrainStorage defaultStorage)
{
    private readonly ConcurrentDictionary<Type, Func<ActivationData, string, IGrainStorage, object>> _constructors = new();

    public object Create(Type stateType, ActivationData activation, string stateName, string? storageName)
    {
        var storage = storageName is null
            ? defaultStorage
            : (services as Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider)?.GetKeyedService(typeof(IGrainStorage), storageName) as IGrainStorage
              ?? defaultStorage;
        var constructor = _constructors.GetOrAdd(stateType, static type =>
        {
            var closed = typeof(PersistentState<>).MakeGenericType(type);
            return (activation, name, storage) => Activator.CreateInstance(closed, activation, name, storage)!;
        });
        return constructor(activation, stateName, storage);
    }
}
