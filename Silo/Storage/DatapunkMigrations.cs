using System.Reflection;
using Datapunk.Silo.Hosting;
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
         typeof(Datapunk.Cortex.CortexServiceCollectionExtensions).Assembly, typeof(Datapunk.Forge.ForgeServiceCollectionExtensions).Assembly,
         typeof(Datapunk.Streams.StreamServiceCollectionExtensions).Assembly];

    /// <summary>Applies every script not applied yet; safe when several silos start at once.</summary>
    public static Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        SqlMigrator.MigrateAsync(dataSource, Component, Assemblies, cancellationToken);

    /// <summary>
    /// Brings the schema up to date before the host starts (and with it the silo joins the cluster): as the
    /// owner (<c>ConnectionStrings:PostgresOwner</c>) when given; as the login itself when that is the owner
    /// (an install with one connection string, which is warned about), or on an empty database. Otherwise
    /// the migrations were applied elsewhere (<c>--migrate-only</c>) and are only checked. Warns whenever
    /// the silos' login could bypass row-level security.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatapunkMigrations));
        var settings = services.GetRequiredService<SiloSettings>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var login = await DatabaseLogin.ReadAsync(dataSource, cancellationToken);
        if (login.IsOwnerLike)
        {
            Log.LoginIsOwner(logger, login.Name, login.Superuser, login.BypassesRowSecurity, login.OwnsTables);
        }

        if (settings.PostgresOwnerConnectionString is { } owner)
        {
            await using var ownerDataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(owner) { ApplicationName = "datapunk-migrations" });
            LogApplied(logger, await ApplyAsync(ownerDataSource, cancellationToken));
        }
        else if (login.IsOwnerLike || !login.SchemaMigrated)
        {
            LogApplied(logger, await ApplyAsync(dataSource, cancellationToken));
        }
        else if (await SqlMigrator.PendingAsync(dataSource, Component, Assemblies, cancellationToken) is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks migrations {string.Join(", ", pending)}, and the silos' login {login.Name} may not apply them: " +
                "run 'dotnet Datapunk.Silo.dll --migrate-only' with ConnectionStrings:PostgresOwner set to the owner, or give the silo that setting.");
        }
    }

    /// <summary>
    /// <c>--migrate-only</c>: applies the migrations as the owner (<c>ConnectionStrings:PostgresOwner</c>, else
    /// <c>ConnectionStrings:Postgres</c>) and exits; a deployment runs it before the silos, which then hold no
    /// owner credentials (deploy/kubernetes: the silo pod's init container).
    /// </summary>
    public static async Task<int> MigrateOnlyAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var connectionString = configuration.GetConnectionString("PostgresOwner") is { Length: > 0 } owner ? owner
            : configuration.GetConnectionString("Postgres")
              ?? throw new InvalidOperationException("Set ConnectionStrings:PostgresOwner (environment variable ConnectionStrings__PostgresOwner).");
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "datapunk-migrations" });
        var applied = await ApplyAsync(dataSource, cancellationToken);
        LogApplied(loggers.CreateLogger(typeof(DatapunkMigrations)), applied);
        Log.UpToDate(loggers.CreateLogger(typeof(DatapunkMigrations)), applied.Count);
        return 0;
    }

    private static void LogApplied(ILogger logger, IReadOnlyList<string> migrations)
    {
        foreach (var migration in migrations)
        {
            Log.Applied(logger, migration);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Migration}")]
        public static partial void Applied(ILogger logger, string migration);

        [LoggerMessage(Level = LogLevel.Information, Message = "Database schema up to date ({Applied} migrations applied now)")]
        public static partial void UpToDate(ILogger logger, int applied);

        [LoggerMessage(Level = LogLevel.Warning,
            Message = "The silos log in to PostgreSQL as {Role}, which is the owner in all but name (superuser: {Superuser}, bypasses row-level security: {BypassesRls}, " +
                      "owner's rights over tables: {OwnsTables}): isolation between users rests on SET ROLE datapunk_app in each transaction alone. " +
                      "Give ConnectionStrings:Postgres a login that owns nothing and ConnectionStrings:PostgresOwner the owner (docs/security.md, \"Isolation in the database\").")]
        public static partial void LoginIsOwner(ILogger logger, string role, bool superuser, bool bypassesRls, bool ownsTables);
    }
}
