namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>What Orleans answers a caller while a silo is lost and its grains move: the caller retries these.</summary>
public static class FailoverErrors
{
    public static bool AreRetried(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or GatewayTooBusyException
        || (exception is OrleansException && exception.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase));
}
