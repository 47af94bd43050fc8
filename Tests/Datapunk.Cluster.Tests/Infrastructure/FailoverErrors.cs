using Datapunk.Silo.Api;

namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// What the tests' Orleans clients retry while a silo is lost: what the gateway itself treats as a
/// failover, and Orleans' generic errors that name an unavailable target.
/// </summary>
public static class FailoverErrors
{
    public static bool AreRetried(Exception exception) =>
        ClusterFailover.IsFailover(exception)
        || (exception is OrleansException && exception.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase));
}
