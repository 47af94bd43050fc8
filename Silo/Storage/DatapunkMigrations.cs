using System.Reflection;
using Npgsql;

namespace Datapunk.Silo.Storage;

/// <summary>
/// The database schema: the host's scripts (extensions, schemas, Orleans' tables) and each part's
/// (Lake's import tables), one numbered history in <c>public.schema_migrations</c>.
/// </summary>
public static partial class DatapunkMigrations
{
    public const string Component = "datapunk";

    public static IReadOnlyList<Assembly> Assemblies { get; } =
        [typeof(DatapunkMigrations).Assembly, typeof(LakeServiceCollectionExtensions).Assembly, typeof(Datapunk.Users.UsersServiceCollectionExtensions).Assembly,
         typeof(Datapunk.Cortex.CortexServiceCollectionExtensions).Assembly, typeof(Datapunk.Forge.ForgeServiceCollectionExtensions).Assembly];

    /// <summary>Applies every script not applied yet; safe when several silos start at once.</summary>
    public static Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        SqlMigrator.MigrateAsync(dataSource, Component, Assemblies, cancellationToken);

    /// <summary>Brings the schema up to date before the host starts (and with it the silo joins the cluster).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatapunkMigrations));
        foreach (var migration in await ApplyAsync(services.GetRequiredService<NpgsqlDataSource>(), cancellationToken))
        {
            Log.Applied(logger, migration);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Migration}")]
        public static partial void Applied(ILogger logger, string migration);
    }
}
