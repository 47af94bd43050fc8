using Datapunk.Actors.Cluster;
using Datapunk.Actors.Transport;

namespace Datapunk.Actors.Client;

/// <summary>
/// A client's view of ownership: the partition table fetched from a gateway every second (and soon
/// after any "moved" answer or connection failure), refined by where calls were actually served.
/// Unknown partitions go to a gateway, which answers with the owner.
/// </summary>
internal sealed class ClientRouting : IPartitionRouting, IAsyncDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ClusterClientOptions _options;
    private readonly string?[] _owners;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshNow = new(0, 1);
    private ConnectionManager? _connections;
    private Task _refreshLoop = Task.CompletedTask;
    private TaskCompletionSource _refreshed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextGateway;

    public ClientRouting(ClusterClientOptions options)
    {
        _options = options;
        _owners = new string?[options.PartitionCount];
    }

    public int PartitionCount => _owners.Length;

    public void Start(ConnectionManager connections)
    {
        _connections = connections;
        _refreshLoop = Task.Run(RefreshLoopAsync);
    }

    public string? GetOwnerAddress(int partition) => Volatile.Read(ref _owners[partition]) ?? NextGateway();

    public void ReportStaleRoute(int partition)
    {
        Volatile.Write(ref _owners[partition], null);
        if (_refreshNow.CurrentCount == 0)
        {
            try
            {
                _refreshNow.Release();
            }
            catch (SemaphoreFullException)
            {
                // A refresh is already requested.
            }
        }
    }

    public void ReportServedBy(int partition, string address) => Volatile.Write(ref _owners[partition], address);

    public async Task WaitForRoutingChangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _refreshed).Task.WaitAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (TimeoutException)
        {
            // A bounded back-off; the caller looks again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _refreshLoop;
    }

    private string NextGateway() =>
        _options.Gateways[(int)((uint)Interlocked.Increment(ref _nextGateway) % (uint)_options.Gateways.Count)];

    private async Task RefreshLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            await RefreshOnceAsync();
            try
            {
                await _refreshNow.WaitAsync(RefreshInterval, _stopping.Token);
                await Task.Delay(50, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshOnceAsync()
    {
        // Ask the gateways in turn until one answers; a table with the wrong size is ignored.
        for (var attempt = 0; attempt < _options.Gateways.Count; attempt++)
        {
            var gateway = NextGateway();
            try
            {
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                var outcome = await _connections!.SendAsync(gateway, RoutingTableRequest.Target, new RoutingTableRequest(), chain: null, deadline);
                if (!outcome.Moved && outcome.Value is { } table && table.Length == _owners.Length)
                {
                    for (var partition = 0; partition < table.Length; partition++)
                    {
                        Volatile.Write(ref _owners[partition], table[partition]);
                    }

                    Interlocked.Exchange(ref _refreshed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    return;
                }
            }
            catch (Exception exception) when (exception is ConnectionUnavailableException or SiloUnavailableException or GrainCallTimeoutException)
            {
                // Try the next gateway.
            }
        }
    }
}
