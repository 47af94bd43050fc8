namespace Datapunk.Cluster.Tests.Failover;

/// <summary>
/// Checks the recorded activation history of a cluster for the single-activation invariant: per
/// grain, no two activations were ever live at the same time, and an activation that replaced one
/// on a dead silo ran under a newer lease epoch.
/// </summary>
public sealed class ActivationHistoryAudit
{
    private const int MaxReported = 20;

    private readonly ILookup<string, ActivationRecord> _byGrain;
    private readonly IReadOnlyDictionary<string, DateTime> _deadSilos;
    private readonly DateTime _now;

    private ActivationHistoryAudit(List<ActivationRecord> records, IReadOnlyDictionary<string, DateTime> deadSilos, DateTime now)
    {
        Records = records;
        _byGrain = records.ToLookup(record => record.Grain, StringComparer.Ordinal);
        _deadSilos = deadSilos;
        _now = now;
    }

    public IReadOnlyList<ActivationRecord> Records { get; }

    /// <summary>Reads the cluster's history; open activations of <paramref name="deadSilos"/> end at their death, all others now.</summary>
    public static async Task<ActivationHistoryAudit> ReadAsync(
        TestDatabase database, string clusterId, IReadOnlyDictionary<string, DateTime> deadSilos, CancellationToken cancellationToken)
    {
        var now = await database.NowAsync(cancellationToken);
        var records = await database.QueryAsync(
            """
            SELECT grain, silo_id, partition, epoch, started_at, stopped_at
            FROM actors.activation_history WHERE cluster_id = @cluster ORDER BY grain, started_at, id
            """,
            new Dictionary<string, object> { ["cluster"] = clusterId },
            reader => new ActivationRecord(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetDateTime(4),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5)),
            cancellationToken);
        return Create(records, deadSilos, now);
    }

    /// <summary>An audit of the given records, as read at <paramref name="now"/>.</summary>
    public static ActivationHistoryAudit Create(List<ActivationRecord> records, IReadOnlyDictionary<string, DateTime> deadSilos, DateTime now) =>
        new(records, deadSilos, now);

    /// <summary>Grains that had an activation on <paramref name="siloId"/>.</summary>
    public HashSet<string> GrainsHostedBy(string siloId) =>
        Records.Where(record => record.SiloId == siloId).Select(record => record.Grain).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each pair of activations of one grain whose lifetimes overlap, described.</summary>
    public List<string> FindOverlaps()
    {
        var overlaps = new List<string>();
        foreach (var grain in _byGrain)
        {
            ActivationRecord? longest = null;
            foreach (var record in grain.OrderBy(r => r.StartedAt))
            {
                if (longest is not null && record.StartedAt < EndOf(longest))
                {
                    overlaps.Add($"{grain.Key}: {Describe(longest)} overlaps {Describe(record)}");
                }

                if (longest is null || EndOf(record) > EndOf(longest))
                {
                    longest = record;
                }
            }
        }

        return overlaps;
    }

    /// <summary>
    /// Activations started after <paramref name="killedAt"/> of grains that lived on the killed silo,
    /// whose epoch is not higher than the killed activation's: only a new lease may take a grain over.
    /// </summary>
    public List<string> FindTakeoversWithoutNewerEpoch(string killedSiloId, DateTime killedAt)
    {
        var stale = new List<string>();
        foreach (var grain in _byGrain)
        {
            var killed = grain.Where(record => record.SiloId == killedSiloId).ToList();
            if (killed.Count == 0)
            {
                continue;
            }

            var killedEpoch = killed.Max(record => record.Epoch);
            foreach (var successor in grain.Where(record => record.StartedAt > killedAt && record.Epoch <= killedEpoch))
            {
                stale.Add($"{grain.Key}: {Describe(successor)} took over from epoch {killedEpoch} on the killed silo {killedSiloId}");
            }
        }

        return stale;
    }

    public static string Summarize(List<string> findings) =>
        string.Join(Environment.NewLine, findings.Take(MaxReported)) + (findings.Count > MaxReported ? $"{Environment.NewLine}… and {findings.Count - MaxReported} more" : "");

    private DateTime EndOf(ActivationRecord record) =>
        record.StoppedAt ?? (_deadSilos.TryGetValue(record.SiloId, out var diedAt) ? diedAt : _now);

    private string Describe(ActivationRecord record) =>
        $"[{record.SiloId} p{record.Partition} e{record.Epoch} {record.StartedAt:HH:mm:ss.ffffff} – " +
        $"{(record.StoppedAt is { } stopped ? stopped.ToString("HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) : $"open, ends {EndOf(record):HH:mm:ss.ffffff}")}]";
}
