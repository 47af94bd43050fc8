using Npgsql;

namespace Datapunk.Actors.Hosting;

/// <summary>The runtime's own connection pool, kept apart from the application's so neither starves the other.</summary>
public sealed class ActorDatabase(ActorRuntimeOptions options) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = new NpgsqlDataSourceBuilder(options.ConnectionString)
    {
        ConnectionStringBuilder = { ApplicationName = "datapunk-actors" },
    }.Build();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
