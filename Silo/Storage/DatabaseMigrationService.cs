using Datapunk.Actors.Storage;
using Npgsql;

namespace Datapunk.Silo.Storage;

/// <summary>Brings the database schema up to date before the silo joins the cluster.</summary>
internal sealed partial class DatabaseMigrationService(NpgsqlDataSource dataSource, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await SqlMigrator.MigrateAsync(dataSource, "datapunk", typeof(DatabaseMigrationService).Assembly, cancellationToken);
        foreach (var migration in applied)
        {
            Log.Applied(logger, migration);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Migration}")]
        public static partial void Applied(ILogger logger, string migration);
    }
}
