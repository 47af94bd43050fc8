using System.Net;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// A second copy of this executable running as a silo (<see cref="SiloCommand"/>) in its own
/// process, started through <c>Datapunk.Testing</c>'s <see cref="SiloProcess"/>, with an Orleans
/// client gateway so that a client can address it directly.
/// </summary>
internal sealed class BenchmarkSiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(20);

    private readonly SiloProcess _process;

    private BenchmarkSiloProcess(SiloProcess process)
    {
        _process = process;
    }

    /// <summary>The silo's Orleans client gateway.</summary>
    public IPEndPoint ClientGateway => _process.ClientGateway;

    public int ProcessId => _process.ProcessId;

    /// <summary>CPU time the silo process used so far.</summary>
    public TimeSpan ProcessorTime => TimeSpan.FromSeconds(ProcessResources.CpuSeconds(_process.ProcessId));

    /// <summary>
    /// Starts the silo, its output in <paramref name="logDirectory"/>, and waits until <c>orleans.membership</c>
    /// shows it active in <paramref name="clusterId"/>.
    /// </summary>
    public static async Task<BenchmarkSiloProcess> StartAsync(
        string name, string connectionString, string clusterId, TestDatabase database, string logDirectory, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSiloSettings(connectionString, clusterId, FreePort.Next(), FreePort.Next());
        var process = SiloProcess.Start(
            name, typeof(BenchmarkSiloProcess).Assembly.Location, SiloCommand.EnvironmentOf(settings), settings.SiloPort, gatewayPort: null,
            logDirectory, GracefulStop, clientGatewayPort: settings.GatewayPort);
        var silo = new BenchmarkSiloProcess(process);
        try
        {
            await ClusterMembership.WaitUntilActiveAsync(database, clusterId, process, JoinTimeout, cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
