using Npgsql;

namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL database the silos under test share (env <c>DATAPUNK_TEST_POSTGRES</c>), for
/// reading the cluster's own tables: membership, leases, grain state and activation history.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=datapunk_test;Username=datapunk;Password=datapunk";

    private static readonly Dictionary<string, object> NoParameters = [];

    private readonly NpgsqlDataSource _dataSource;

    public TestDatabase()
    {
        var configured = Environment.GetEnvironmentVariable("DATAPUNK_TEST_POSTGRES");
        ConnectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        _dataSource = new NpgsqlDataSourceBuilder(ConnectionString)
        {
            ConnectionStringBuilder = { ApplicationName = "datapunk-cluster-tests", CommandTimeout = 30, MaxPoolSize = 4 },
        }.Build();
    }

    public string ConnectionString { get; }

    /// <summary>
    /// The connection string for a silo under test, with a bounded pool: the server allows 100
    /// connections, shared by every silo and test run on the machine, and Npgsql's default pool
    /// of 100 per process lets one busy silo take them all.
    /// </summary>
    public string ConnectionStringForSilo(int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>The database clock, which every ownership decision of the cluster is taken with.</summary>
    public async Task<DateTime> NowAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<DateTime>("SELECT now()", NoParameters, cancellationToken);

    public async Task<T> ScalarAsync<T>(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string sql, IReadOnlyDictionary<string, object> parameters, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes every row a test cluster left in the runtime's tables (they are all keyed by cluster id).</summary>
    public async Task DeleteClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync<bool>("SELECT to_regclass('actors.silos') IS NOT NULL", NoParameters, cancellationToken);
        if (!exists)
        {
            return;
        }

        await ExecuteAsync("""
            DELETE FROM actors.activation_history WHERE cluster_id = @cluster;
            DELETE FROM actors.reminders WHERE cluster_id = @cluster;
            DELETE FROM actors.grain_state WHERE cluster_id = @cluster;
            DELETE FROM actors.partition_leases WHERE cluster_id = @cluster;
            DELETE FROM actors.silos WHERE cluster_id = @cluster;
            """, new Dictionary<string, object> { ["cluster"] = clusterId }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private NpgsqlCommand CreateCommand(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
