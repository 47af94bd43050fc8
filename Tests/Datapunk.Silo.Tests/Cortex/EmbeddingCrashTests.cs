using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Cortex;

/// <summary>
/// Kills (SIGKILL) the silo embedding a user's records in a two-silo cluster, in the middle of the
/// pass: the Cortex grain's durable reminder wakes it on the survivor, which carries on from where the
/// database says the pass stood, until every record has exactly one vector of the model and search
/// finds records by meaning.
/// </summary>
public sealed class EmbeddingCrashTests
{
    private const int Notes = 600;

    private static readonly Dictionary<string, string> Settings = new()
    {
        // Orleans refuses reminder periods under a minute unless told otherwise.
        ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
        ["Cortex__Embeddings__ResumeReminderPeriod"] = "00:00:02",
    };

    private static readonly string[] Topics = ["sourdough bread and baking", "climbing and bouldering", "stars, planets and telescopes", "tax return and receipts"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_silo_killed_mid_embedding_is_replaced_and_the_pass_finishes_on_the_survivor_with_one_vector_per_record()
    {
        await using var cluster = await SiloCluster.StartAsync("embed-crash", Settings, Cancellation);
        var database = cluster.Database;
        using var admin = new DatapunkGatewayClient(cluster.Silos[0].Gateway, cluster.Silos[0].AdminToken, TimeSpan.FromSeconds(60));
        var name = SiloTestNames.NewUserName();
        await admin.CreateUserAsync(new NewUser(name), Cancellation);
        var notes = Enumerable.Range(0, Notes)
            .Select(i => ($"Note {i} about {Topics[i % Topics.Length]}", $"Thoughts number {i} on {Topics[i % Topics.Length]}, written on a quiet evening."))
            .ToList();
        await PersonalRows.InsertNotesAsync(database.DataSource, name, notes, new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), Cancellation);
        admin.ActAs(name);

        // A search finds that no vectors of the configured model exist yet and asks for the pass.
        await admin.SearchAsync("bouldering", cancellationToken: Cancellation);
        var started = await Poll.UntilAsync(
            token => admin.GetSearchIndexStatusAsync(token),
            status => status is { Running: true, Embedded: > 0 },
            "the pass to have embedded a first batch",
            status => $"{status}",
            TimeSpan.FromSeconds(120), Cancellation, TimeSpan.FromMilliseconds(100));
        started!.Embedded.ShouldBeLessThan(Notes, "the pass must be caught in the middle");

        admin.ActAs(null);
        var activations = (await admin.GetClusterStatusAsync(Cancellation)).Activations;
        var host = activations.Single(type => type.GrainType.Contains("CortexGrain", StringComparison.Ordinal)).BySilo.Keys.Single();
        var runner = cluster.Hosting(host);
        await runner.KillAsync();
        var survivor = cluster.Other(runner);

        using var client = new DatapunkGatewayClient(survivor.Gateway, survivor.AdminToken, TimeSpan.FromSeconds(60));
        client.ActAs(name);
        var finished = await Poll.UntilAsync(
            token => client.GetSearchIndexStatusAsync(token),
            status => status is { Running: false, Embedded: Notes, Embeddable: Notes },
            "the survivor to finish the pass",
            status => $"{status}\n{survivor.Describe(30)}",
            TimeSpan.FromSeconds(200), Cancellation, TimeSpan.FromMilliseconds(500));
        finished!.ServingModel.ShouldNotBeNull();

        var parameters = new Dictionary<string, object> { ["user"] = name };
        (await database.ScalarAsync<long>("SELECT count(*) FROM vectors.record_embeddings WHERE user_id = @user", parameters, Cancellation))
            .ShouldBe(Notes, "one vector per record, however many times a batch ran");
        var meaning = await client.SearchAsync("looking at the night sky", limit: 5, cancellationToken: Cancellation, methods: [SearchMethods.Semantic]);
        meaning.Results.ShouldNotBeEmpty();
        meaning.Results.ShouldAllBe(result => result.Title!.Contains("stars, planets and telescopes"));
    }
}
