using System.Net;
using Datapunk.Silo.Storage;
using Datapunk.Streams;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Datapunk.Testing.Providers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Datapunk.Grains.Tests.Stream;

/// <summary>
/// An in-process cluster as <see cref="GrainClusterFixture"/> starts it, with the Stream engine too, its Data
/// Portability provider pointed at a <see cref="FakeDataPortability"/>: connections poll, download into the
/// spool and import through the user's grain as in the silo.
/// </summary>
public sealed class PortabilityClusterFixture : IAsyncLifetime
{
    private static readonly Uri Callback = new("http://127.0.0.1:1/api/v1/connections/callback");

    /// <summary>The fake the test silo's provider points at (a silo configurator is made by type, so it finds it here).</summary>
    internal static FakeDataPortability? Current { get; private set; }

    public static string ServiceId { get; } = $"portability-{Guid.NewGuid():N}"[..24];

    public TestDatabase Database { get; } = new("datapunk-grain-tests", maxPoolSize: 4);

    public FakeDataPortability Portability { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IServiceProvider Services =>
        (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test cluster's silo runs in another process.")).SiloHost.Services;

    public async ValueTask InitializeAsync()
    {
        await DatapunkMigrations.ApplyAsync(Database.DataSource, TestContext.Current.CancellationToken);
        Current = Portability = await FakeDataPortability.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ServiceId;
        builder.AddSiloBuilderConfigurator<PortabilitySiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A new user who connected <paramref name="account"/> of the fake: the authorization-code flow, the browser's part included.</summary>
    public async Task<(string UserId, ConnectionKey Key)> ConnectedUserAsync(FakeDataPortabilityAccount account)
    {
        var cancel = TestContext.Current.CancellationToken;
        var name = $"dp-{Guid.NewGuid():N}"[..20];
        CallerContext.Set(name, AccountRoles.Member);
        await Grains.GetGrain<IUserGrain>(name).CreateAsync(new CreateUser("Portable", null));
        Portability.SignedInAccount = account.Email;
        var authorizer = Services.GetRequiredService<ConnectionAuthorizer>();
        var url = await authorizer.BeginAsync(name, FakeDataPortabilityName, Callback, cancel);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await browser.GetAsync(url, cancel);
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect, await redirect.Content.ReadAsStringAsync(cancel));
        var query = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query);
        var row = await authorizer.CompleteAsync(query["state"].ToString(), query["code"].ToString(), null, Callback, cancel);
        return (name, row.Key);
    }

    private const string FakeDataPortabilityName = "dataportability";

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        if (Portability is not null)
        {
            await Portability.DisposeAsync();
        }

        await Database.DeleteClusterAsync(ServiceId, CancellationToken.None);
        await Database.DisposeAsync();
    }

    /// <summary>The grain tests' silo, with <c>AddStream</c> configured for the fake.</summary>
    public sealed class PortabilitySiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            new DatapunkSiloConfigurator().Configure(siloBuilder);
            var settings = Current!.Settings();
            settings["Stream:Providers:dataportability:Scopes"] = FakeDataPortability.Scopes;
            siloBuilder.Services.AddStream(new ConfigurationBuilder().AddInMemoryCollection(settings!).Build());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortabilityClusterCollection : ICollectionFixture<PortabilityClusterFixture>
{
    public const string Name = "in-process cluster with Data Portability";
}
