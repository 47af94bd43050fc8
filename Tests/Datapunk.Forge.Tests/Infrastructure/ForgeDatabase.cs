using Datapunk.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datapunk.Forge.Tests.Infrastructure;

/// <summary>The test database of Forge's engines, migrated once per run, and Forge's services over it as the silo registers them.</summary>
internal static class ForgeDatabase
{
    private static readonly TestDatabase Database = new("datapunk-forge-tests", maxPoolSize: 20);
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(Database.DataSource));
    private static readonly Lazy<ServiceProvider> Provider = new(() => new ServiceCollection()
        .AddSingleton(Database.DataSource)
        .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
        .AddForge(new ConfigurationBuilder().Build())
        .BuildServiceProvider());

    public static TestDatabase Test => Database;

    public static async Task<IServiceProvider> ServicesAsync()
    {
        await Migrated.Value;
        return Provider.Value;
    }

    /// <summary>A user id no other test uses.</summary>
    public static string NewUserId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];

    /// <summary>Stores the fixes as the user's (<see cref="PersonalRows"/>).</summary>
    public static async Task InsertFixesAsync(string userId, IEnumerable<GeoFix> fixes, CancellationToken cancellationToken)
    {
        await Migrated.Value;
        await PersonalRows.InsertFixesAsync(Database.DataSource, userId, fixes, cancellationToken);
    }

    /// <summary>Stores a named place visit as the user's (<see cref="PersonalRows"/>).</summary>
    public static async Task InsertVisitAsync(string userId, string name, GeoFix place, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await Migrated.Value;
        await PersonalRows.InsertVisitAsync(Database.DataSource, userId, name, place, start, end, cancellationToken);
    }
}
