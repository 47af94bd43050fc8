using System.Globalization;
using Npgsql;

namespace Datapunk.Testing;

/// <summary>
/// A database of its own on the test server, dropped at the end: for a benchmark run (the import
/// benchmark measures a first import into an empty system, which the shared test database, full of
/// test rows and partitions, is not) and for a test whose statements touch every user's rows.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private ScratchDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public bool Keep { get; set; }

    public static async Task<ScratchDatabase> CreateAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        var database = Named(connectionString, name);
        await ExecuteAsync(database._adminConnectionString, $"DROP DATABASE IF EXISTS {name}", cancellationToken);
        await ExecuteAsync(database._adminConnectionString, $"CREATE DATABASE {name}", cancellationToken);
        return database;
    }

    /// <summary>A database an earlier run kept (<c>--import-keep-db</c>), used as it is and kept again.</summary>
    public static ScratchDatabase Existing(string connectionString, string name)
    {
        var database = Named(connectionString, name);
        database.Keep = true;
        return database;
    }

    /// <summary>The database <paramref name="name"/> on <paramref name="connectionString"/>'s server, and that server's connection (unpooled) for creating and dropping it.</summary>
    private static ScratchDatabase Named(string connectionString, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var admin = builder.ConnectionString;
        builder.Database = name;
        builder.Pooling = true;
        return new ScratchDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Keep)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>Runs a query in the scratch database and returns its single value.</summary>
    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
