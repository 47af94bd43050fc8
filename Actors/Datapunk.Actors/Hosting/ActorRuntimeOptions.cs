namespace Datapunk.Actors.Hosting;

/// <summary>Settings of one silo's actor runtime, bound from configuration section "Actors".</summary>
public sealed class ActorRuntimeOptions
{
    /// <summary>Separates clusters sharing one database.</summary>
    public string ClusterId { get; set; } = "datapunk";

    /// <summary>PostgreSQL connection string for membership, leases, state and reminders.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Address other silos and clients use to reach this silo's transport.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The HTTP gateway of this silo, if it has one, listed in the membership table for tools.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>The local address the transport listens on (0.0.0.0 for every interface).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>TCP port of the silo transport; 0 picks a free one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Number of ownership partitions; fixed for the lifetime of a cluster.</summary>
    public int PartitionCount { get; set; } = 256;

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is declared dead by the others.</summary>
    public TimeSpan SiloDeathTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a partition lease lasts without renewal (renewed every <see cref="HeartbeatInterval"/>).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo stops serving a partition this long before its lease would expire, by its own clock.</summary>
    public TimeSpan LeaseSafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most partitions a silo hands over per rebalancing round, to bound churn.</summary>
    public int MaxHandoversPerRound { get; set; } = 32;

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle activations older than this are collected, unless their class says otherwise.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations and expired calls are looked for.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often due reminders of owned partitions are looked for.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Records each activation's start and stop (silo, epoch, database time) for ownership audits in tests.</summary>
    public bool RecordActivationHistory { get; set; }
}
