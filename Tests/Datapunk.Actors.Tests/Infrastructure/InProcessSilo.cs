using Datapunk.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>One silo of the actor runtime in a host of its own, running the test grains in this process.</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private int _stopped;

    private InProcessSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Status = host.Services.GetRequiredService<ISiloStatus>();
    }

    public IGrainFactory Grains { get; }

    public ISiloStatus Status { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts a host; when this returns the silo owns its partitions and serves calls.</summary>
    public static async Task<InProcessSilo> StartAsync(
        ActorRuntimeOptions options, GrainProbe probe, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(probe);
        builder.Services.AddDatapunkSilo(options, typeof(CounterGrain).Assembly);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    /// <summary>Stops the silo gracefully: its activations deactivate and its partition leases are released.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
