using Datapunk.Actors.Hosting;
using Datapunk.Benchmarks.Grains;
using Datapunk.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Datapunk.Benchmarks.Silos;

/// <summary>A silo hosted in this process, with the benchmark grains and the test grains.</summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkSilo(IHost host, ActorRuntimeOptions options)
    {
        _host = host;
        Options = options;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Status = host.Services.GetRequiredService<ISiloStatus>();
    }

    public ActorRuntimeOptions Options { get; }

    /// <summary>The silo's own grain factory: calls from outside grain code, as a gateway endpoint makes them.</summary>
    public IGrainFactory Grains { get; }

    public ISiloStatus Status { get; }

    public static IHost Build(ActorRuntimeOptions options, string[]? args = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDatapunkSilo(options, typeof(PingGrain).Assembly, typeof(CounterGrain).Assembly);
        return builder.Build();
    }

    public static async Task<BenchmarkSilo> StartAsync(ActorRuntimeOptions options, CancellationToken cancellationToken)
    {
        var host = Build(options);
        await host.StartAsync(cancellationToken);
        return new BenchmarkSilo(host, options);
    }

    /// <summary>Waits until the silo is ready and holds <paramref name="partitions"/> leases (all of them when alone).</summary>
    public Task WaitUntilOwnsAsync(int partitions, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            () => Task.FromResult(Status.IsReady && Status.OwnedPartitions == partitions),
            timeout,
            () => $"silo {Status.Address} to be ready and own {partitions} partitions (ready: {Status.IsReady}, owns {Status.OwnedPartitions})",
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
