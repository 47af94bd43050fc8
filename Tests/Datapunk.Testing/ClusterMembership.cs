namespace Datapunk.Testing;

/// <summary>Orleans' membership table (<c>orleans.membership</c>) as the tests and benchmarks read it.</summary>
public static class ClusterMembership
{
    /// <summary>Orleans' <c>SiloStatus</c> values as stored in the table's <c>status</c> column.</summary>
    public const int ActiveStatus = 3;
    public const int DeadStatus = 6;

    /// <summary>Every silo of <paramref name="clusterId"/>: its address (<c>ip:port@generation</c>) and status.</summary>
    public static async Task<Dictionary<string, int>> ReadAsync(TestDatabase database, string clusterId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT address || ':' || port || '@' || generation, status FROM orleans.membership WHERE deployment_id = @cluster",
            new Dictionary<string, object> { ["cluster"] = clusterId },
            reader => (Address: reader.GetString(0), Status: reader.GetInt32(1)),
            cancellationToken);
        return rows.ToDictionary(row => row.Address, row => row.Status, StringComparer.Ordinal);
    }

    /// <summary>
    /// Waits until <paramref name="silo"/>'s row (found by its silo port) is active, fails at once if the
    /// process exits first, and records its address as <see cref="SiloProcess.SiloId"/>.
    /// </summary>
    public static async Task WaitUntilActiveAsync(
        TestDatabase database, string clusterId, SiloProcess silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var prefix = $"{silo.Address}@";
        silo.SiloId = await Poll.UntilAsync(
            async token =>
            {
                if (silo.HasExited)
                {
                    throw new InvalidOperationException($"{silo.Name} exited before it joined.{Environment.NewLine}{silo.Describe(60)}");
                }

                var membership = await ReadAsync(database, clusterId, token);
                return membership.Where(row => row.Key.StartsWith(prefix, StringComparison.Ordinal) && row.Value == ActiveStatus)
                    .Select(row => row.Key).FirstOrDefault() ?? "";
            },
            address => address.Length > 0,
            $"{silo.Name} on {silo.Address} to be active in orleans.membership of {clusterId}",
            _ => silo.Describe(),
            timeout,
            cancellationToken);
    }
}
