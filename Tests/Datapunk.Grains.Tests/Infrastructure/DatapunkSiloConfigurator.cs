using Datapunk.Lake;
using Datapunk.Silo.Auth;
using Datapunk.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Datapunk.Grains.Tests.Infrastructure;

/// <summary>The test silo's set-up: Datapunk's grain storage on the test database, in-memory reminders, the Lake and Users engines, the personal-data call filter.</summary>
public sealed class DatapunkSiloConfigurator : ISiloConfigurator
{
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
        siloBuilder.Services.AddLake(new ConfigurationBuilder().Build());
        siloBuilder.Services.AddUsers(new ConfigurationBuilder().Build());
        // The production filter: calls from the test's cluster client must name their caller.
        siloBuilder.AddIncomingGrainCallFilter<PersonalDataCallFilter>();
    }
}
