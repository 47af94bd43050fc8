using Datapunk.Forge;
using Datapunk.Lake;
using Datapunk.Silo.Auth;
using Datapunk.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Datapunk.Grains.Tests.Infrastructure;

/// <summary>The test silo's set-up: Datapunk's grain storage on the test database, in-memory reminders, the Lake (spool and allowed roots under the temporary folder), Users and Forge engines (an import's end trains the user's models, as in the silo), the personal-data call filter.</summary>
public sealed class DatapunkSiloConfigurator : ISiloConfigurator
{
    /// <summary>The spool the test silo writes uploads to, which the tests read too.</summary>
    public static string SpoolPath { get; } = Path.Combine(TestFolders.Spools, "grain-tests");

    /// <summary>Server-side imports may read the tests' temporary folders (<see cref="TempFolder"/>) and nothing else.</summary>
    private static Dictionary<string, string?> Settings => new()
    {
        ["Imports:AllowedRoots:0"] = TestFolders.Root,
        ["Spool:Path"] = SpoolPath,
        // Tests import, then wait for what is derived: a second of quiet after an import, not the product's ten.
        ["Lake:Import:BackgroundQuietPeriod"] = "00:00:01",
    };

    public void Configure(ISiloBuilder siloBuilder)
    {
        var orleansDatabase = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { SearchPath = "orleans" }.ConnectionString;
        siloBuilder.AddAdoNetGrainStorage(GrainStorage.Name, storage =>
        {
            storage.Invariant = "Npgsql";
            storage.ConnectionString = orleansDatabase;
        });
        siloBuilder.UseSystemTextJsonGrainStorageSerializer();
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(TestDatabase.ConnectionStringForSilo(maxPoolSize: 8)));
        siloBuilder.Services.AddLake(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        siloBuilder.Services.AddUsers(new ConfigurationBuilder().Build());
        // The workbench's result cache, as the Silo registers it (on the Redis AddUsers connects to).
        siloBuilder.Services.AddSingleton<Datapunk.Lake.Workbench.IWorkbenchResultCache, RedisWorkbenchResultCache>();
        siloBuilder.Services.AddForge(new ConfigurationBuilder().Build());
        // The production filter: calls from the test's cluster client must name their caller.
        siloBuilder.AddIncomingGrainCallFilter<PersonalDataCallFilter>();
    }
}
