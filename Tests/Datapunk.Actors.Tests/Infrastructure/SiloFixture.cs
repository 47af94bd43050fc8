using Datapunk.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>
/// Starts one silo of a fresh cluster (its own cluster id) for a test collection, and removes the
/// cluster's rows when the collection is done. Derived fixtures change options or services.
/// </summary>
public abstract class SiloFixture : IAsyncLifetime
{
    private InProcessSilo? _silo;

    public string ClusterId { get; } = $"t-{Guid.NewGuid():N}";

    /// <summary>What the test grains of this silo report.</summary>
    public GrainProbe Probe { get; } = new();

    public InProcessSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public IGrainFactory Grains => Silo.Grains;

    public ISiloStatus Status => Silo.Status;

    public async ValueTask InitializeAsync() => _silo = await StartSiloAsync();

    /// <summary>Stops the silo and starts a new one of the same cluster, as a restarted process would.</summary>
    public async Task RestartAsync()
    {
        await Silo.DisposeAsync();
        _silo = null;
        _silo = await StartSiloAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            if (_silo is not null)
            {
                await _silo.DisposeAsync();
            }
        }
        finally
        {
            await RuntimeTables.Database.DeleteClusterAsync(ClusterId, CancellationToken.None);
        }
    }

    protected virtual TimeSpan? CallTimeout => null;

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private Task<InProcessSilo> StartSiloAsync() =>
        InProcessSilo.StartAsync(TestSiloOptions.Create(ClusterId, CallTimeout), Probe, ConfigureServices);
}
