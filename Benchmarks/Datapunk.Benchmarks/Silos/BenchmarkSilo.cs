using Datapunk.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Datapunk.Benchmarks.Silos;

/// <summary>An Orleans silo hosted in this process, with the benchmark grains and the test grains.</summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
    }

    /// <summary>The silo's own grain factory: calls from outside grain code, as a gateway endpoint makes them.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The silo's address as a grain reports it (<see cref="Grain.RuntimeIdentity"/>).</summary>
    public string Address { get; }

    /// <summary>
    /// A silo set up like Datapunk's (ADO.NET clustering and grain storage on PostgreSQL, System.Text.Json
    /// state, the same membership timing) that never collects an idle activation during a run.
    /// </summary>
    public static IHost Build(BenchmarkSiloSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        // Orleans 10's placement logs every Polly run at Information: noise in a benchmark's output.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresLikeDatapunk(settings.ConnectionString, settings.ClusterId, settings.ClusterId, settings.SiloPort, settings.GatewayPort);

            // The activation benchmark keeps its grains alive to weigh them; nothing is collected mid-run.
            silo.Configure<GrainCollectionOptions>(collection => collection.CollectionAge = TimeSpan.FromHours(2));
        });
        return builder.Build();
    }

    public static async Task<BenchmarkSilo> StartAsync(BenchmarkSiloSettings settings, CancellationToken cancellationToken)
    {
        var host = Build(settings);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchmarkSilo(host);
    }

    /// <summary>The live activations of <typeparamref name="TGrain"/> on this silo, from Orleans' management grain.</summary>
    public async Task<int> CountActivationsAsync<TGrain>()
        where TGrain : Grain
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(statistic => statistic.GrainType.Contains(typeof(TGrain).Name, StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
    }

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
