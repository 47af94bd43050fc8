using Datapunk.Actors.Hosting;
using Datapunk.Actors.Runtime;
using Datapunk.Actors.Storage;
using Npgsql;

namespace Datapunk.Actors.Cluster;

/// <summary>
/// Claims, renews and hands over partition leases, and keeps the routing table of which silo owns
/// which partition. A lease is trusted locally only while its last renewal (timed from when the
/// renewal was sent) is younger than the lease length minus a safety margin, so a silo resumed
/// after a pause stops serving before it even reaches the database.
/// </summary>
internal sealed class PartitionLeaseManager : IPartitionOwnership
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ActorRuntimeOptions _options;
    private readonly GrainRuntime _runtime;
    private readonly ActivationHistory _history;
    private readonly LocalLease?[] _leases;
    private readonly long _trustedLeaseTicks;
    private string?[] _routes;
    private IReadOnlyList<PartitionLease> _snapshot = [];
    private TaskCompletionSource _routingChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refreshScheduled;
    private Task _handover = Task.CompletedTask;

    public PartitionLeaseManager(NpgsqlDataSource dataSource, ActorRuntimeOptions options, GrainRuntime runtime, ActivationHistory history)
    {
        _dataSource = dataSource;
        _options = options;
        _runtime = runtime;
        _history = history;
        _leases = new LocalLease?[options.PartitionCount];
        _routes = new string?[options.PartitionCount];
        _trustedLeaseTicks = (long)((options.LeaseDuration - options.LeaseSafetyMargin).TotalSeconds * Stopwatch.Frequency);
        if (_trustedLeaseTicks <= 0)
        {
            throw new ArgumentException("Actors:LeaseSafetyMargin must be shorter than Actors:LeaseDuration.");
        }
    }

    public int PartitionCount => _leases.Length;

    public IReadOnlyList<PartitionLease> Snapshot => _snapshot;

    public int OwnedCount => _leases.Count(l => l is not null);

    public bool TryGetLocalLease(int partition, out long epoch)
    {
        var lease = Volatile.Read(ref _leases[partition]);
        if (lease is null || lease.HandingOver || Stopwatch.GetTimestamp() - Volatile.Read(ref lease.RenewedAt) > _trustedLeaseTicks)
        {
            epoch = 0;
            return false;
        }

        epoch = lease.Epoch;
        return true;
    }

    public bool IsLeaseTrusted(int partition, long epoch)
    {
        var lease = Volatile.Read(ref _leases[partition]);
        return lease is not null && lease.Epoch == epoch && Stopwatch.GetTimestamp() - Volatile.Read(ref lease.RenewedAt) <= _trustedLeaseTicks;
    }

    /// <summary>The owner's address; null when unowned, or when it is this silo but the lease is not usable right now.</summary>
    public string? GetOwnerAddress(int partition)
    {
        var address = Volatile.Read(ref _routes)[partition];
        return address == _runtime.SiloAddress ? null : address;
    }

    public string?[] GetRoutingTable()
    {
        var routes = (string?[])Volatile.Read(ref _routes).Clone();
        for (var partition = 0; partition < routes.Length; partition++)
        {
            // A partition this silo is handing over or no longer trusts has no usable owner right now.
            if (routes[partition] == _runtime.SiloAddress && !TryGetLocalLease(partition, out _))
            {
                routes[partition] = null;
            }
        }

        return routes;
    }

    public void ReportStaleRoute(int partition)
    {
        if (Interlocked.Exchange(ref _refreshScheduled, 1) == 0)
        {
            _ = RefreshSoonAsync();
        }
    }

    public void ReportServedBy(int partition, string address)
    {
        // Silos learn owners from the lease table, not from individual calls.
    }

    public async Task WaitForRoutingChangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _routingChanged).Task.WaitAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (TimeoutException)
        {
            // A bounded back-off is as good as a change: the caller looks again.
        }
    }

    /// <summary>Makes sure every partition has a lease row (idempotent, safe when silos start together).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO actors.partition_leases (cluster_id, partition)
            SELECT @cluster, p FROM generate_series(0, @count - 1) AS p
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("cluster", _options.ClusterId);
        command.Parameters.AddWithValue("count", _options.PartitionCount);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await RefreshRoutesAsync(cancellationToken);
    }

    /// <summary>Extends every lease this silo holds; leases that could not be extended are dropped with their activations.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        await using var command = _dataSource.CreateCommand("""
            WITH mine AS (
                SELECT partition FROM actors.partition_leases
                WHERE cluster_id = @cluster AND owner = @silo AND expires_at > now()
                ORDER BY partition FOR UPDATE)
            UPDATE actors.partition_leases AS l SET expires_at = now() + @lease
            FROM mine WHERE l.cluster_id = @cluster AND l.partition = mine.partition
            RETURNING l.partition, l.epoch
            """);
        command.Parameters.AddWithValue("cluster", _options.ClusterId);
        command.Parameters.AddWithValue("silo", _runtime.SiloId);
        command.Parameters.AddWithValue("lease", _options.LeaseDuration);
        var renewed = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                renewed[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var lost = new HashSet<int>();
        for (var partition = 0; partition < _leases.Length; partition++)
        {
            var lease = _leases[partition];
            if (lease is null)
            {
                continue;
            }

            if (renewed.TryGetValue(partition, out var epoch) && epoch == lease.Epoch)
            {
                Volatile.Write(ref lease.RenewedAt, sentAt);
            }
            else
            {
                lost.Add(partition);
            }
        }

        DropLeases(lost);
    }

    /// <summary>Drops leases that are no longer trusted by this silo's own clock (the database was unreachable).</summary>
    public void DropUntrustedLeases()
    {
        var now = Stopwatch.GetTimestamp();
        var stale = new HashSet<int>();
        for (var partition = 0; partition < _leases.Length; partition++)
        {
            if (_leases[partition] is { } lease && now - Volatile.Read(ref lease.RenewedAt) > _trustedLeaseTicks)
            {
                stale.Add(partition);
            }
        }

        DropLeases(stale);
    }

    /// <summary>Moves this silo toward an equal share of partitions: claims free ones, hands surplus over.</summary>
    public async Task RebalanceAsync(int liveSilos, CancellationToken cancellationToken)
    {
        await RefreshRoutesAsync(cancellationToken);
        var target = (_options.PartitionCount + Math.Max(1, liveSilos) - 1) / Math.Max(1, liveSilos);
        var owned = _leases.Count(l => l is { HandingOver: false });
        if (owned < target)
        {
            await ClaimAsync(target - owned, cancellationToken);
        }
        else if (owned > target && _handover.IsCompleted)
        {
            var surplus = _leases
                .Select((lease, partition) => (lease, partition))
                .Where(x => x.lease is { HandingOver: false })
                .OrderByDescending(x => x.partition)
                .Take(Math.Min(owned - target, _options.MaxHandoversPerRound))
                .Select(x => x.partition)
                .ToList();
            _handover = HandOverAsync(surplus, cancellationToken);
        }
    }

    /// <summary>Stops accepting calls and deactivates every activation gracefully (silo shutdown), within the token's time.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        await _handover.WaitAsync(cancellationToken);
        foreach (var lease in _leases)
        {
            if (lease is not null)
            {
                lease.HandingOver = true;
            }
        }

        await _runtime.Catalog.DeactivateAllAsync(cancellationToken);
        await _history.FlushAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Releases every lease this silo still holds (the last step of shutdown).</summary>
    public Task ReleaseAllAsync(CancellationToken cancellationToken) =>
        ReleaseAsync([.. Enumerable.Range(0, _leases.Length).Where(p => _leases[p] is not null)], cancellationToken);

    /// <summary>Drops every lease at once (the silo was declared dead).</summary>
    public void DropAll() => DropLeases([.. Enumerable.Range(0, _leases.Length).Where(p => _leases[p] is not null)]);

    private async Task ClaimAsync(int wanted, CancellationToken cancellationToken)
    {
        // Start the search at a silo-specific offset so that silos joining together rarely race for the same rows.
        var offset = (int)((uint)_runtime.SiloId.GetHashCode(StringComparison.Ordinal) % (uint)_options.PartitionCount);
        var candidates = _snapshot
            .Where(lease => !lease.IsLive && _leases[lease.Partition] is null)
            .OrderBy(lease => (lease.Partition - offset + _options.PartitionCount) % _options.PartitionCount)
            .Take(wanted)
            .Select(lease => lease.Partition)
            .ToArray();
        if (candidates.Length == 0)
        {
            return;
        }

        var sentAt = Stopwatch.GetTimestamp();
        await using var command = _dataSource.CreateCommand("""
            WITH free AS (
                SELECT partition FROM actors.partition_leases
                WHERE cluster_id = @cluster AND partition = ANY(@partitions) AND (owner IS NULL OR expires_at <= now())
                ORDER BY partition FOR UPDATE SKIP LOCKED)
            UPDATE actors.partition_leases AS l
            SET owner = @silo, owner_address = @address, epoch = l.epoch + 1, expires_at = now() + @lease
            FROM free WHERE l.cluster_id = @cluster AND l.partition = free.partition
            RETURNING l.partition, l.epoch
            """);
        command.Parameters.AddWithValue("cluster", _options.ClusterId);
        command.Parameters.AddWithValue("silo", _runtime.SiloId);
        command.Parameters.AddWithValue("address", _runtime.SiloAddress);
        command.Parameters.AddWithValue("lease", _options.LeaseDuration);
        command.Parameters.AddWithValue("partitions", candidates);
        var claimed = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Volatile.Write(ref _leases[reader.GetInt32(0)], new LocalLease(reader.GetInt64(1), sentAt));
                claimed++;
            }
        }

        if (claimed > 0)
        {
            _runtime.Log.PartitionsClaimed(claimed, OwnedCount);
            await RefreshRoutesAsync(cancellationToken);
        }
    }

    private async Task HandOverAsync(List<int> partitions, CancellationToken cancellationToken)
    {
        foreach (var partition in partitions)
        {
            _leases[partition]!.HandingOver = true;
        }

        var reason = new DeactivationReason(DeactivationReasonCode.PartitionHandedOver, "The partition moves to another silo to balance the cluster.");
        await Task.WhenAll(partitions.Select(p => _runtime.Catalog.DeactivatePartitionAsync(p, reason, cancellationToken)));
        await _history.FlushAsync();
        await ReleaseAsync(partitions, cancellationToken);
        foreach (var partition in partitions)
        {
            _runtime.Log.PartitionHandedOver(partition);
        }

        await RefreshRoutesAsync(cancellationToken);
    }

    private async Task ReleaseAsync(List<int> partitions, CancellationToken cancellationToken)
    {
        var epochs = partitions.Select(p => _leases[p]?.Epoch ?? -1).ToArray();
        await using var command = _dataSource.CreateCommand("""
            WITH mine AS (
                SELECT l.partition FROM actors.partition_leases AS l
                JOIN unnest(@partitions, @epochs) AS r(partition, epoch) ON l.partition = r.partition AND l.epoch = r.epoch
                WHERE l.cluster_id = @cluster AND l.owner = @silo
                ORDER BY l.partition FOR UPDATE OF l)
            UPDATE actors.partition_leases AS l SET owner = NULL, owner_address = NULL, expires_at = now()
            FROM mine WHERE l.cluster_id = @cluster AND l.partition = mine.partition
            """);
        command.Parameters.AddWithValue("cluster", _options.ClusterId);
        command.Parameters.AddWithValue("silo", _runtime.SiloId);
        command.Parameters.AddWithValue("partitions", partitions.ToArray());
        command.Parameters.AddWithValue("epochs", epochs);
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var partition in partitions)
        {
            Volatile.Write(ref _leases[partition], null);
        }
    }

    private void DropLeases(HashSet<int> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        foreach (var partition in partitions)
        {
            Volatile.Write(ref _leases[partition], null);
        }

        _runtime.Catalog.AbandonPartitions(partitions, new DeactivationReason(DeactivationReasonCode.OwnershipLost, "The partition lease could not be renewed."));
        _runtime.Log.PartitionsLost(partitions.Count);
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            await Task.Delay(50);
            await RefreshRoutesAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            _runtime.Log.MaintenanceFailed(exception);
        }
        finally
        {
            Volatile.Write(ref _refreshScheduled, 0);
        }
    }

    private async Task RefreshRoutesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT partition, owner, owner_address, epoch, expires_at, owner IS NOT NULL AND expires_at > now()
            FROM actors.partition_leases WHERE cluster_id = @cluster ORDER BY partition
            """);
        command.Parameters.AddWithValue("cluster", _options.ClusterId);
        var leases = new List<PartitionLease>(_options.PartitionCount);
        var routes = new string?[_options.PartitionCount];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var lease = new PartitionLease(
                    reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt64(3), reader.GetDateTime(4), reader.GetBoolean(5));
                leases.Add(lease);
                if (lease.IsLive && lease.Partition < routes.Length)
                {
                    routes[lease.Partition] = lease.OwnerAddress;
                }
            }
        }

        _snapshot = leases;
        Volatile.Write(ref _routes, routes);
        Interlocked.Exchange(ref _routingChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class LocalLease(long epoch, long renewedAt)
    {
        public long RenewedAt = renewedAt;

        public long Epoch { get; } = epoch;

        public volatile bool HandingOver;
    }
}
