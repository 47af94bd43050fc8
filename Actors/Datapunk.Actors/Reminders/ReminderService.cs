using Datapunk.Actors.Cluster;
using Datapunk.Actors.Hosting;
using Datapunk.Actors.Runtime;
using Datapunk.Actors.Storage;
using Npgsql;

namespace Datapunk.Actors.Reminders;

/// <summary>
/// Durable reminders in <c>actors.reminders</c>. Each silo polls the due reminders of the partitions
/// it owns and delivers them through the grain's activation; the next due time is advanced after
/// delivery, so a reminder missed while its partition moved fires once on the new owner.
/// </summary>
internal sealed class ReminderService(NpgsqlDataSource dataSource, ActorRuntimeOptions options, GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<(string Type, string Key, string Name), bool> _inFlight = new();

    public async Task<IGrainReminder> RegisterOrUpdateAsync(ActivationData activation, string name, TimeSpan dueTime, TimeSpan period)
    {
        if (period < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{name}' of {activation.GrainId}: the period must be at least one second.");
        }

        if (activation.Instance is not IRemindable)
        {
            throw new InvalidOperationException($"{activation.GrainClass.ImplementationType.Name} must implement IRemindable to register reminder '{name}'.");
        }

        await using var command = dataSource.CreateCommand($"""
            WITH {LeaseFence.ValidLeaseCte}
            INSERT INTO actors.reminders AS r (cluster_id, grain_type, grain_key, reminder_name, partition, first_due_at, due_at, period)
            SELECT @cluster, @type, @key, @name, @partition, now() + @due, now() + @due, @period FROM lease
            ON CONFLICT (cluster_id, grain_type, grain_key, reminder_name) DO UPDATE
                SET first_due_at = excluded.first_due_at, due_at = excluded.due_at, period = excluded.period
            """);
        AddFence(command, activation);
        command.Parameters.AddWithValue("type", activation.GrainId.Type);
        command.Parameters.AddWithValue("key", activation.GrainId.Key);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("due", dueTime);
        command.Parameters.AddWithValue("period", period);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw LeaseFence.Lost(activation.GrainId, Fence(activation));
        }

        return new GrainReminder(name);
    }

    public async Task UnregisterAsync(ActivationData activation, string name)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH {LeaseFence.ValidLeaseCte}
            DELETE FROM actors.reminders
            WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND reminder_name = @name AND EXISTS (SELECT 1 FROM lease)
            """);
        AddFence(command, activation);
        command.Parameters.AddWithValue("type", activation.GrainId.Type);
        command.Parameters.AddWithValue("key", activation.GrainId.Key);
        command.Parameters.AddWithValue("name", name);
        if (await command.ExecuteNonQueryAsync() == 0 && !await LeaseFence.IsCurrentAsync(dataSource, options.ClusterId, Fence(activation), CancellationToken.None))
        {
            throw LeaseFence.Lost(activation.GrainId, Fence(activation));
        }
    }

    public async Task<IGrainReminder?> GetAsync(ActivationData activation, string name)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 1 FROM actors.reminders WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND reminder_name = @name
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("type", activation.GrainId.Type);
        command.Parameters.AddWithValue("key", activation.GrainId.Key);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is null ? null : new GrainReminder(name);
    }

    /// <summary>Delivers every due reminder of the partitions this silo owns.</summary>
    public async Task DeliverDueAsync(IPartitionOwnership ownership, CancellationToken cancellationToken)
    {
        var owned = Enumerable.Range(0, ownership.PartitionCount).Where(p => ownership.TryGetLocalLease(p, out _)).ToArray();
        if (owned.Length == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT grain_type, grain_key, reminder_name, first_due_at, period, due_at, now()
            FROM actors.reminders
            WHERE cluster_id = @cluster AND partition = ANY(@partitions) AND due_at <= now()
            ORDER BY due_at LIMIT 1000
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("partitions", owned);
        var due = new List<DueReminder>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new DueReminder(
                    new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                    reader.GetDateTime(3), reader.GetFieldValue<TimeSpan>(4), reader.GetDateTime(5), reader.GetDateTime(6)));
            }
        }

        foreach (var reminder in due)
        {
            if (_inFlight.TryAdd((reminder.GrainId.Type, reminder.GrainId.Key, reminder.Name), true))
            {
                _ = DeliverAsync(reminder);
            }
        }
    }

    private async Task DeliverAsync(DueReminder reminder)
    {
        try
        {
            if (!runtime.Registry.TryGetImplementation(reminder.GrainId.Type, out var grainClass))
            {
                return;
            }

            var partition = PartitionHasher.PartitionOf(reminder.GrainId, runtime.Ownership.PartitionCount);
            if (!runtime.Ownership.TryGetLocalLease(partition, out var epoch))
            {
                return;
            }

            var request = new ReceiveReminderRequest
            {
                ReminderName = reminder.Name,
                Status = new TickStatus(reminder.FirstDueAt, reminder.Period, reminder.DueAt),
            };
            var call = new LocalCall<Invocation.Void>(
                reminder.GrainId, request, chain: null, Stopwatch.GetTimestamp() + (long)(options.CallTimeout.TotalSeconds * Stopwatch.Frequency));
            runtime.Catalog.Dispatch(grainClass, reminder.GrainId, partition, epoch, call);
            try
            {
                await call.Task;
            }
            catch (Exception exception)
            {
                runtime.Log.ReminderFailed(exception, reminder.GrainId, reminder.Name);
            }

            await AdvanceAsync(reminder, partition, epoch);
        }
        catch (Exception exception)
        {
            runtime.Log.ReminderFailed(exception, reminder.GrainId, reminder.Name);
        }
        finally
        {
            _inFlight.TryRemove((reminder.GrainId.Type, reminder.GrainId.Key, reminder.Name), out _);
        }
    }

    private async Task AdvanceAsync(DueReminder reminder, int partition, long epoch)
    {
        // Skip ticks missed while nobody owned the partition: the reminder fires once, then keeps its rhythm.
        await using var command = dataSource.CreateCommand($"""
            WITH {LeaseFence.ValidLeaseCte}
            UPDATE actors.reminders
            SET due_at = due_at + period * (floor(extract(epoch FROM now() - due_at) / extract(epoch FROM period)) + 1)
            WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND reminder_name = @name
              AND due_at = @due_at AND EXISTS (SELECT 1 FROM lease)
            """);
        LeaseFence.AddParameters(command, options.ClusterId, new WriteFence(runtime.SiloId, partition, epoch));
        command.Parameters.AddWithValue("type", reminder.GrainId.Type);
        command.Parameters.AddWithValue("key", reminder.GrainId.Key);
        command.Parameters.AddWithValue("name", reminder.Name);
        command.Parameters.AddWithValue("due_at", reminder.DueAt);
        await command.ExecuteNonQueryAsync();
    }

    private void AddFence(NpgsqlCommand command, ActivationData activation) =>
        LeaseFence.AddParameters(command, options.ClusterId, Fence(activation));

    private static WriteFence Fence(ActivationData activation) => new(activation.Runtime.SiloId, activation.Partition, activation.Epoch);

    private sealed record DueReminder(GrainId GrainId, string Name, DateTime FirstDueAt, TimeSpan Period, DateTime DueAt, DateTime ReadAt);

    private sealed record GrainReminder(string ReminderName) : IGrainReminder;
}
