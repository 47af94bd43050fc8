using System.Reflection;
using Datapunk.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Runtime;

/// <summary>What the runtime knows about one grain implementation class, computed once at start-up.</summary>
internal sealed class GrainClassInfo
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, ActivationData, object>[] _arguments;

    public GrainClassInfo(Type implementationType, string grainTypeName, TimeSpan defaultCollectionAge)
    {
        ImplementationType = implementationType;
        GrainTypeName = grainTypeName;
        IsReentrant = implementationType.GetCustomAttribute<ReentrantAttribute>() is not null;
        if (implementationType.GetCustomAttribute<StatelessWorkerAttribute>() is { } worker)
        {
            StatelessWorkerLimit = worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        }

        CollectionAge = implementationType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age ?? defaultCollectionAge;
        var constructors = implementationType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException(
                $"Grain class {implementationType.FullName} must have exactly one public constructor; it has {constructors.Length}.");
        }

        _constructor = constructors[0];
        _arguments = [.. _constructor.GetParameters().Select(CreateArgumentFactory)];
    }

    public Type ImplementationType { get; }

    public string GrainTypeName { get; }

    public bool IsReentrant { get; }

    /// <summary>Zero for ordinary grains; the per-silo pool size for [StatelessWorker] grains.</summary>
    public int StatelessWorkerLimit { get; }

    public bool IsStatelessWorker => StatelessWorkerLimit > 0;

    public TimeSpan CollectionAge { get; }

    public Grain Create(IServiceProvider services, ActivationData activation)
    {
        var arguments = new object[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](services, activation);
        }

        return (Grain)_constructor.Invoke(arguments);
    }

    private Func<IServiceProvider, ActivationData, object> CreateArgumentFactory(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {ImplementationType.FullName} has [PersistentState] but is not an IPersistentState<T>.");
            }

            var stateType = type.GetGenericArguments()[0];
            return (services, activation) => services.GetRequiredService<PersistentStateFactory>()
                .Create(stateType, activation, attribute.StateName, attribute.StorageName);
        }

        var parameterType = parameter.ParameterType;
        return (services, _) => services.GetService(parameterType)
            ?? throw new InvalidOperationException(
                $"Cannot activate {ImplementationType.Name}: no service of type {parameterType.Name} for constructor parameter '{parameter.Name}'.");
    }
}
