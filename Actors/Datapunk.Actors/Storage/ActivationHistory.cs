using Datapunk.Actors.Hosting;
using Datapunk.Actors.Runtime;
using Npgsql;

namespace Datapunk.Actors.Storage;

/// <summary>
/// Optionally records when each activation started and stopped, with its silo and lease epoch, in
/// database time, so tests can prove that no grain ever had two live activations.
/// </summary>
public sealed class ActivationHistory(NpgsqlDataSource dataSource, ActorRuntimeOptions options)
{
    private readonly ConcurrentDictionary<ActivationKey, long> _openRecords = new();
    private readonly ConcurrentDictionary<Task, bool> _pendingStops = new();

    internal async Task RecordStartAsync(ActivationData activation)
    {
        if (!options.RecordActivationHistory)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO actors.activation_history (cluster_id, grain, silo_id, partition, epoch)
            VALUES (@cluster, @grain, @silo, @partition, @epoch) RETURNING id
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        command.Parameters.AddWithValue("grain", activation.GrainId.ToString());
        command.Parameters.AddWithValue("silo", activation.Runtime.SiloId);
        command.Parameters.AddWithValue("partition", activation.Partition);
        command.Parameters.AddWithValue("epoch", activation.Epoch);
        var id = (long)(await command.ExecuteScalarAsync())!;
        _openRecords[new ActivationKey(activation)] = id;
        if (activation.State == ActivationState.Invalid)
        {
            // Dropped while its start was being recorded: close the record now, or it would stay open.
            RecordStop(activation, new DeactivationReason(DeactivationReasonCode.OwnershipLost, "Dropped while activating."));
        }
    }

    internal void RecordStop(ActivationData activation, DeactivationReason reason)
    {
        if (!options.RecordActivationHistory || !_openRecords.TryRemove(new ActivationKey(activation), out var id))
        {
            return;
        }

        var write = WriteStopAsync(id, reason);
        _pendingStops[write] = true;
        _ = write.ContinueWith(t => _pendingStops.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Completes when every stop recorded so far is in the database (before a partition is released).</summary>
    internal Task FlushAsync() => Task.WhenAll(_pendingStops.Keys);

    private async Task WriteStopAsync(long id, DeactivationReason reason)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE actors.activation_history SET stopped_at = clock_timestamp(), stop_reason = @reason WHERE id = @id");
        command.Parameters.AddWithValue("reason", reason.ReasonCode.ToString());
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private readonly record struct ActivationKey(ActivationData Activation);
}
