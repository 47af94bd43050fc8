using Datapunk.Actors.Hosting;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Runtime options with timings short enough that leases, reminders and collection show up within a test.</summary>
internal static class TestSiloOptions
{
    public static ActorRuntimeOptions Create(string clusterId, TimeSpan? callTimeout = null)
    {
        var options = new ActorRuntimeOptions
        {
            ClusterId = clusterId,
            ConnectionString = TestDatabase.ConnectionString,
            SiloPort = 0,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            LeaseDuration = TimeSpan.FromSeconds(2),
            LeaseSafetyMargin = TimeSpan.FromMilliseconds(500),
            SiloDeathTimeout = TimeSpan.FromSeconds(2),
            MaintenanceInterval = TimeSpan.FromMilliseconds(100),
            ReminderPollInterval = TimeSpan.FromMilliseconds(200),
        };
        if (callTimeout is { } timeout)
        {
            options.CallTimeout = timeout;
        }

        return options;
    }
}
