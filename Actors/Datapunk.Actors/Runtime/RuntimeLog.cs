using Microsoft.Extensions.Logging;

namespace Datapunk.Actors.Runtime;

/// <summary>Source-generated log messages of the runtime's hot and failure paths.</summary>
internal sealed partial class RuntimeLog(ILogger logger)
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    public partial void ActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
    public partial void DeactivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain code of {GrainId} threw outside any call (an async void method?); the activation carries on")]
    public partial void GrainCodeFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer callback of {GrainId} failed")]
    public partial void TimerFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering reminder {ReminderName} to {GrainId} failed")]
    public partial void ReminderFailed(Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} joined cluster {ClusterId} at {Address}")]
    public partial void SiloJoined(string siloId, string clusterId, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} declared silo {DeadSiloId} dead: no heartbeat since {LastHeartbeat:o}")]
    public partial void SiloDeclaredDead(string siloId, string deadSiloId, DateTime lastHeartbeat);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} partitions (now owning {Owned})")]
    public partial void PartitionsClaimed(int count, int owned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed over partition {Partition}")]
    public partial void PartitionHandedOver(int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the leases of {Count} partitions; their activations were dropped")]
    public partial void PartitionsLost(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Silo {SiloId} was declared dead by the cluster; it stops")]
    public partial void SiloEvicted(string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster maintenance round failed")]
    public partial void MaintenanceFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection to {Address} closed")]
    public partial void ConnectionClosed(Exception? exception, string address);
}
