using Datapunk.Actors.Cluster;
using Datapunk.Actors.Reminders;
using Datapunk.Actors.Runtime;
using Datapunk.Actors.Storage;
using Datapunk.Actors.Transport;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Actors.Hosting;

/// <summary>
/// Starts and stops a silo: schema, transport listener, membership, partition leases and the
/// background loops (cluster round, activation maintenance, reminders).
/// </summary>
internal sealed class SiloHost(
    ActorRuntimeOptions options,
    ActorDatabase database,
    GrainRuntime runtime,
    ActivationHistory history,
    IHostApplicationLifetime lifetime) : IHostedService, ISiloStatus
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private ClusterMembership _membership = null!;
    private PartitionLeaseManager _leases = null!;
    private ReminderService _reminders = null!;
    private SiloListener? _listener;
    private ConnectionManager? _connections;
    private volatile bool _ready;

    public string SiloId => runtime.SiloId;

    public string Address => runtime.SiloAddress;

    public bool IsReady => _ready;

    public ClusterSnapshot? LastSnapshot { get; private set; }

    public int OwnedPartitions => _leases?.OwnedCount ?? 0;

    public IReadOnlyDictionary<string, int> ActivationsByType() => runtime.Catalog.CountByType();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SqlMigrator.MigrateAsync(database.DataSource, "actors", typeof(SiloHost).Assembly, cancellationToken);
        var json = GrainReferenceJsonConverterFactory.CreateOptions(runtime.GetReference);
        _listener = new SiloListener(System.Net.IPAddress.Parse(options.ListenAddress), options.SiloPort, options.ClusterId, json, new RemoteRequestHandler(runtime));
        var address = $"{options.AdvertisedHost}:{_listener.Port}";
        _connections = new ConnectionManager(options.ClusterId, json, requestHandler: null);
        _membership = new ClusterMembership(database.DataSource, options);
        _leases = new PartitionLeaseManager(database.DataSource, options, runtime, history);
        _reminders = new ReminderService(database.DataSource, options, runtime);
        runtime.Attach(address, _leases, _connections, _reminders, json);
        _listener.Start();

        await _membership.JoinAsync(runtime.SiloId, address, options.GatewayUrl, cancellationToken);
        runtime.Log.SiloJoined(runtime.SiloId, options.ClusterId, address);
        await _leases.InitializeAsync(cancellationToken);
        await RunClusterRoundAsync(cancellationToken);
        _loops.Add(RunLoopAsync(options.HeartbeatInterval, RunClusterRoundAsync));
        _loops.Add(RunLoopAsync(options.MaintenanceInterval, _ =>
        {
            runtime.Catalog.RunMaintenance();
            return Task.CompletedTask;
        }));
        _loops.Add(RunLoopAsync(options.ReminderPollInterval, token => _reminders.DeliverDueAsync(_leases, token)));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ready = false;
        _stopping.Cancel();
        await Task.WhenAll(_loops);
        try
        {
            await _leases.DeactivateAllAsync(cancellationToken);
        }
        finally
        {
            // Even when graceful deactivation ran out of the host's time, hand the leases and the
            // membership row back now rather than make the others wait for expiry: this needs a
            // token of its own. Activations still running can no longer act once their lease is gone.
            using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _leases.ReleaseAllAsync(release.Token);
            await _membership.LeaveAsync(runtime.SiloId, release.Token);
            if (_listener is not null)
            {
                await _listener.DisposeAsync();
            }

            if (_connections is not null)
            {
                await _connections.DisposeAsync();
            }
        }
    }

    private async Task RunClusterRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _membership.HeartbeatAsync(runtime.SiloId, cancellationToken))
            {
                Evict();
                return;
            }

            await _leases.RenewAsync(cancellationToken);
            foreach (var (deadSilo, lastHeartbeat) in await _membership.DeclareDeadAsync(runtime.SiloId, cancellationToken))
            {
                runtime.Log.SiloDeclaredDead(runtime.SiloId, deadSilo, lastHeartbeat);
            }

            var (now, silos) = await _membership.ReadAsync(cancellationToken);
            var live = silos.Count(s => s.Status == "active" && now - s.HeartbeatAt < options.SiloDeathTimeout);
            await _leases.RebalanceAsync(live, cancellationToken);
            LastSnapshot = new ClusterSnapshot(options.ClusterId, runtime.SiloId, now, silos, _leases.Snapshot);
            _ready = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _ready = false;
            runtime.Log.MaintenanceFailed(exception);
            _leases.DropUntrustedLeases();
        }
    }

    private void Evict()
    {
        _ready = false;
        runtime.Log.SiloEvicted(runtime.SiloId);
        _leases.DropAll();
        lifetime.StopApplication();
    }

    private async Task RunLoopAsync(TimeSpan interval, Func<CancellationToken, Task> round)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await round(_stopping.Token);
                }
                catch (Exception exception) when (!_stopping.IsCancellationRequested)
                {
                    runtime.Log.MaintenanceFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
