using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Grpc;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Net.Client;

namespace Datapunk.Silo.Tests.Forge;

/// <summary>
/// The models over the real silo: ten weeks of a made-up person's fixes imported as a Takeout with the
/// CLI train the places and anomalies models when the import ends, and the places model the routines;
/// the same places then come through REST, gRPC and the CLI, the hike through /anomalies, and a rename
/// survives a retraining started from the CLI and a rollback through REST.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ForgeEndToEndTests(SiloProcessFixture silo) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task An_import_trains_the_models_and_places_come_through_REST_gRPC_and_the_CLI()
    {
        var person = new SyntheticPerson();
        using var admin = silo.AdminClient();
        var name = SiloTestNames.NewUserName();
        var user = await admin.CreateUserAsync(new NewUser(name), Cancellation);
        var credentials = _folder.File("credentials");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new { gateway = silo.Gateway.AbsoluteUri, user = name, token = user.Token }), Cancellation);
        using var records = new MemoryStream();
        person.WriteRecordsJson(records);
        var takeout = ArchiveBuilder.Zip(_folder.File("takeout.zip"), ("Takeout/Location History/Records.json", records.ToArray()));
        (await CliAsync(credentials, "import", takeout, "--user", name, "--wait")).ExitCode.ShouldBe(0);
        using var client = new DatapunkGatewayClient(silo.Gateway, user.Token, TimeSpan.FromSeconds(30));

        var models = await Poll.UntilAsync(
            token => client.ListModelsAsync(token),
            all => all.All(model => model.Promoted is not null && !model.Training),
            "the import to have trained places, routines and anomalies",
            all => string.Join("; ", all?.Select(model => $"{model.Kind} promoted {model.Promoted} training {model.Training} {model.Versions.FirstOrDefault()?.Error}") ?? []),
            TimeSpan.FromSeconds(180), Cancellation, TimeSpan.FromMilliseconds(500));
        models.Select(model => model.Versions.First().Reason).ShouldBe(["import", "places retrained", "import"]);

        var places = await client.ListPlacesAsync(Cancellation);
        places.Places.Count.ShouldBe(5, string.Join("; ", places.Places.Select(place => $"{place.Position} {place.Visits}")));
        var gym = places.Places.Single(place => Math.Abs(place.Position.Lat - SyntheticPerson.Gym.Lat) < 0.0005);
        gym.Visits.ShouldBe(person.GymVisits);

        using var channel = GrpcChannel.ForAddress(silo.Grpc);
        var grpc = new Datapunk.Silo.Grpc.V1.Places.PlacesClient(channel);
        var listed = await grpc.ListPlacesAsync(new(), GrpcScenario.As(user.Token));
        listed.Places.Select(place => place.PlaceId).ShouldBe(places.Places.Select(place => place.PlaceId.ToString()));
        var routines = await grpc.GetRoutinesAsync(new(), GrpcScenario.As(user.Token));
        routines.Home.PlaceId.ShouldBe(places.Places[0].PlaceId.ToString(), "home has the most dwell");
        routines.Routines_.Select(routine => routine.Weekday).ShouldBe(["Thursday", "Tuesday"], ignoreOrder: true);

        var cli = await CliAsync(credentials, "places", "--user", name, "--json");
        cli.ExitCode.ShouldBe(0, cli.ToString());
        using (var document = JsonDocument.Parse(cli.Output))
        {
            document.RootElement.GetProperty("places").GetArrayLength().ShouldBe(5, cli.Output);
            document.RootElement.GetProperty("routines").GetProperty("work").GetProperty("confidence").GetDouble().ShouldBeGreaterThan(0.9, cli.Output);
        }

        var anomalies = await client.ListAnomaliesAsync(SyntheticPerson.FirstDay, SyntheticPerson.FirstDay.AddDays(69), Cancellation);
        anomalies.Days.Single(day => day.Date == person.HikeDay).Reasons.ShouldHaveSingleItem().Text.ShouldStartWith("travelled 2");

        using var http = new HttpClient { BaseAddress = silo.Gateway };
        http.DefaultRequestHeaders.Authorization = new("Bearer", user.Token);
        (await http.PostAsJsonAsync($"api/v1/places/{gym.PlaceId}/rename", new { name = "Iron Temple" }, Cancellation)).EnsureSuccessStatusCode();
        var before = models.Single(model => model.Kind == ModelKinds.Places).Promoted!.Value;
        var trained = await CliAsync(credentials, "train", "places", "--user", name, "--wait");
        trained.ExitCode.ShouldBe(0, trained.ToString());
        trained.Output.ShouldStartWith($"Trained places: version {before + 1} promoted", customMessage: trained.ToString());
        (await client.ListPlacesAsync(Cancellation)).Places.Single(place => place.PlaceId == gym.PlaceId).Name.ShouldBe("Iron Temple", "the rename survives retraining");

        using var rolledBack = await http.PostAsync("api/v1/models/places/rollback", content: null, Cancellation);
        rolledBack.EnsureSuccessStatusCode();
        (await rolledBack.Content.ReadFromJsonAsync<ModelOverview>(Json, Cancellation))!.Promoted.ShouldBe(before);
        var listing = await CliAsync(credentials, "models", "--user", name, "--json");
        listing.ExitCode.ShouldBe(0, listing.ToString());
        JsonSerializer.Deserialize<List<ModelOverview>>(listing.Output, Json)!.Single(model => model.Kind == ModelKinds.Places).Promoted.ShouldBe(before);
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> CliAsync(string credentials, params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, credentials);
}
