using System.Reflection;
using Datapunk.Actors.Runtime;
using Datapunk.Actors.Storage;
using Datapunk.Actors.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Hosting;

public static class ActorServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo of the actor runtime hosting the grain classes found in <paramref name="grainAssemblies"/>.
    /// Grain state uses PostgreSQL for every storage name unless a keyed <see cref="IGrainStorage"/> is registered for it.
    /// </summary>
    public static IServiceCollection AddDatapunkSilo(
        this IServiceCollection services, ActorRuntimeOptions options, params Assembly[] grainAssemblies)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("The actor runtime needs a PostgreSQL connection string (Actors:ConnectionString).", nameof(options));
        }

        var registry = new GrainTypeRegistry();
        foreach (var assembly in grainAssemblies)
        {
            registry.AddGrainAssembly(assembly, options.CollectionAge);
        }

        services.AddMetrics();
        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.AddSingleton<ActorDatabase>();
        services.AddSingleton<ActorTelemetry>();
        services.AddSingleton<CallFilterPipeline>();
        services.AddSingleton(sp => new ActivationHistory(sp.GetRequiredService<ActorDatabase>().DataSource, options));
        services.AddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(sp.GetRequiredService<ActorDatabase>().DataSource, options));
        services.AddSingleton<PersistentStateFactory>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<SiloHost>();
        services.AddSingleton<ISiloStatus>(sp => sp.GetRequiredService<SiloHost>());
        services.AddHostedService(sp => sp.GetRequiredService<SiloHost>());
        return services;
    }

    public static IServiceCollection AddIncomingGrainCallFilter<TFilter>(this IServiceCollection services)
        where TFilter : class, IIncomingGrainCallFilter =>
        services.AddSingleton<IIncomingGrainCallFilter, TFilter>();

    public static IServiceCollection AddOutgoingGrainCallFilter<TFilter>(this IServiceCollection services)
        where TFilter : class, IOutgoingGrainCallFilter =>
        services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
}
