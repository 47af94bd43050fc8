namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Out-of-band reads and writes of the runtime's tables (etag conflicts, state rows, cleanup) in the test database.</summary>
internal static class RuntimeTables
{
    public static TestDatabase Database { get; } = new("datapunk-actors-tests", maxPoolSize: 8);

    /// <summary>How many state records the grain has in the cluster's storage.</summary>
    public static Task<long> CountStateRowsAsync(string clusterId, GrainId grainId, CancellationToken cancellationToken) =>
        Database.ScalarAsync<long>(
            "SELECT count(*) FROM actors.grain_state WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key",
            new Dictionary<string, object> { ["cluster"] = clusterId, ["type"] = grainId.Type, ["key"] = grainId.Key },
            cancellationToken);
}
