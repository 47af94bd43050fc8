using Npgsql;

namespace Datapunk.Actors.Hosting;

/// <summary>The runtime's own connection pool, kept apart from the application's so neither starves the other.</summary>
public sealed class ActorDatabase : IAsyncDisposable
{
    public ActorDatabase(ActorRuntimeOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "datapunk-actors";

        // The runtime sends the same few statements (fenced state writes, lease renewals) thousands
        // of times a second; prepared statements skip parsing and planning each time.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        PostgresPoolDefaults.Apply(builder.ConnectionStringBuilder, options.ConnectionString);
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
