namespace Datapunk.Silo.Api;

/// <summary>What Orleans answers a grain call while a silo is lost and its grains move: the caller should retry these.</summary>
public static class ClusterFailover
{
    /// <summary>The call was rejected because its target silo is gone or the grain is moving, not because it failed.</summary>
    public static bool IsFailover(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException;
}
