using Npgsql;

namespace Datapunk.Testing;

/// <summary>
/// The PostgreSQL database the tests and their silos share (env <c>DATAPUNK_TEST_POSTGRES</c>, else the
/// local <c>datapunk_test</c>), and a bounded pool for the tests' own reads of it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The local test database as <c>scripts/lib/services.sh</c> names it; on loopback TLS only costs CPU.</summary>
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Database=datapunk_test;Username=datapunk;Password=datapunk;SSL Mode=Disable";

    private static readonly Dictionary<string, object> NoParameters = [];

    /// <summary>A pool of at most <paramref name="maxPoolSize"/> connections, named <paramref name="applicationName"/> on the server.</summary>
    public TestDatabase(string applicationName, int maxPoolSize)
    {
        DataSource = new NpgsqlDataSourceBuilder(ConnectionString)
        {
            ConnectionStringBuilder = { ApplicationName = applicationName, MaxPoolSize = maxPoolSize },
        }.Build();
    }

    /// <summary>
    /// The owner, which the tests read and clean up with and the silos they start migrate with
    /// (<c>ConnectionStrings:PostgresOwner</c>).
    /// </summary>
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("DATAPUNK_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>
    /// The silos' login (env <c>DATAPUNK_TEST_POSTGRES_SILO</c>, else the role <c>scripts/lib/services.sh</c> makes):
    /// owns nothing, cannot bypass row-level security, a member of <c>datapunk_app</c>.
    /// </summary>
    public static string SiloLoginConnectionString { get; } = AsLogin(ConnectionString, "DATAPUNK_TEST_POSTGRES_SILO", "datapunk_silo");

    /// <summary>A pool of at most <paramref name="maxPoolSize"/> connections logged in as the silos are (<see cref="SiloLoginConnectionString"/>), for engines tested below a silo.</summary>
    public static NpgsqlDataSource SiloLoginPool(string applicationName, int maxPoolSize) => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(SiloLoginConnectionString) { ApplicationName = applicationName, MaxPoolSize = maxPoolSize });

    /// <summary>The import writer's login (env <c>DATAPUNK_TEST_POSTGRES_IMPORT</c>, else <c>scripts/lib/services.sh</c>'s role): the silos' rights, and <c>datapunk_fix_copy</c>.</summary>
    public static string ImportLoginConnectionString { get; } = AsLogin(ConnectionString, "DATAPUNK_TEST_POSTGRES_IMPORT", "datapunk_import");

    /// <summary>The SQL workbench's login (env <c>DATAPUNK_TEST_POSTGRES_WORKBENCH</c>, else <c>scripts/lib/services.sh</c>'s role): a member of no role, reading only the workbench's views.</summary>
    public static string WorkbenchLoginConnectionString { get; } = AsLogin(ConnectionString, "DATAPUNK_TEST_POSTGRES_WORKBENCH", "datapunk_workbench");

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The connection string for a silo under test, with a bounded pool: the server's connections are
    /// shared by every silo and test run on the machine, and Npgsql's default pool of 100 per process
    /// lets one busy silo take them all.
    /// </summary>
    public static string ConnectionStringForSilo(int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>
    /// <paramref name="ownerConnectionString"/> (its server, database and pool) with the credentials of
    /// <paramref name="loginConnectionString"/>: what a silo started against a database of the tests logs in with.
    /// </summary>
    public static string WithLoginOf(string ownerConnectionString, string loginConnectionString)
    {
        var login = new NpgsqlConnectionStringBuilder(loginConnectionString);
        return new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = login.Username, Password = login.Password }.ConnectionString;
    }

    /// <summary>The database clock, which every ownership decision of the cluster is taken with.</summary>
    public async Task<DateTime> NowAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<DateTime>("SELECT now()", NoParameters, cancellationToken);

    /// <summary>Runs a query with named parameters and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs a query with named parameters and maps each row.</summary>
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

    /// <summary>Runs a statement with named parameters and returns the number of rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Removes every row a test cluster left in Orleans' tables: membership by cluster id, grain state
    /// and reminders by service id (the tests give each cluster a service id equal to its cluster id).
    /// </summary>
    public async Task DeleteClusterAsync(string clusterId, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync<bool>("SELECT to_regclass('orleans.membership') IS NOT NULL", NoParameters, cancellationToken);
        if (!exists)
        {
            return;
        }

        await ExecuteAsync("""
            DELETE FROM orleans.membership WHERE deployment_id = @cluster;
            DELETE FROM orleans.membership_version WHERE deployment_id = @cluster;
            DELETE FROM orleans.grain_state WHERE service_id = @cluster;
            DELETE FROM orleans.reminders WHERE service_id = @cluster;
            """, new Dictionary<string, object> { ["cluster"] = clusterId }, cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // The development roles' password is their name, like the owner's (scripts/lib/services.sh).
    private static string AsLogin(string ownerConnectionString, string variable, string role) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? configured
            : new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role, Password = role }.ConnectionString;

    private NpgsqlCommand CreateCommand(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
