using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Forge;

/// <summary>
/// Kills (SIGKILL) the silo training a user's places model in a two-silo cluster: the model's reminder
/// wakes it on the survivor, which trains it again under a new run number; the killed run's version is
/// marked abandoned, never stored or promoted, and the survivor's version is served.
/// </summary>
public sealed class ModelCrashTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        // Orleans refuses reminder periods under a minute unless told otherwise.
        ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
        ["Forge__Training__ResumeReminderPeriod"] = "00:00:02",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_silo_killed_mid_training_is_replaced_and_the_model_is_trained_and_promoted_once_on_the_survivor()
    {
        await using var cluster = await SiloCluster.StartAsync("forge-crash", Settings, Cancellation);
        var database = cluster.Database;
        using var admin = new DatapunkGatewayClient(cluster.Silos[0].Gateway, cluster.Silos[0].AdminToken, TimeSpan.FromSeconds(30));
        var name = SiloTestNames.NewUserName();
        await admin.CreateUserAsync(new NewUser(name), Cancellation);
        // A year of fixes, one a minute at rest: training takes long enough to be caught in the middle.
        await PersonalRows.InsertFixesAsync(database.DataSource, name, new SyntheticPerson(weeks: 52, stationaryMinutes: 1).Fixes(), Cancellation);
        admin.ActAs(name);

        await admin.TrainModelAsync(ModelKinds.Places, Cancellation);
        var parameters = new Dictionary<string, object> { ["user"] = name };
        await Poll.UntilAsync(
            async token => await database.ScalarAsync<long>(
                "SELECT count(*) FROM analytics.model_versions WHERE user_id = @user AND kind = 'places' AND status = 'training'", parameters, token) == 1,
            TimeSpan.FromSeconds(60), () => "the first run to start", Cancellation);
        admin.ActAs(null);
        var activations = (await admin.GetClusterStatusAsync(Cancellation)).Activations;
        var host = activations.Single(type => type.GrainType.Contains("ModelGrain", StringComparison.Ordinal)).BySilo.Keys.Single();
        var runner = cluster.Hosting(host);
        await runner.KillAsync();
        var survivor = cluster.Other(runner);

        using var client = new DatapunkGatewayClient(survivor.Gateway, survivor.AdminToken, TimeSpan.FromSeconds(30));
        client.ActAs(name);
        var model = await Poll.UntilAsync(
            async token => (await client.ListModelsAsync(token)).Single(candidate => candidate.Kind == ModelKinds.Places),
            candidate => candidate.Promoted is not null && !candidate.Training,
            "the places model to be trained on the survivor",
            candidate => $"{string.Join("; ", candidate?.Versions.Select(version => $"{version.Version} {version.Status} {version.TrainedBy} {version.Error}") ?? [])}\n{survivor.Describe(30)}",
            TimeSpan.FromSeconds(180), Cancellation, TimeSpan.FromMilliseconds(500));

        model.Versions.Select(version => (version.Version, version.Status)).ShouldBe([(2, ModelStatuses.Promoted), (1, ModelStatuses.Failed)]);
        model.Versions[1].Error.ShouldNotBeNull().ShouldStartWith("abandoned", customMessage: "the killed run's version was never finished");
        model.Versions[1].TrainedBy.ShouldContain(runner.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Versions[0].TrainedBy.ShouldContain(survivor.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), customMessage: "the survivor trained it");
        model.Versions[0].Metrics["fixes"].ShouldBeGreaterThan(500_000);
        (await client.ListPlacesAsync(Cancellation)).Places.Count.ShouldBe(5);
        (await database.ScalarAsync<long>("SELECT count(*) FROM analytics.places WHERE user_id = @user AND version = 1", parameters, Cancellation))
            .ShouldBe(0, "the killed run stored nothing");
    }
}
