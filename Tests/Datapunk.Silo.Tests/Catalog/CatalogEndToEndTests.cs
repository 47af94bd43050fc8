using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Catalog;

/// <summary>
/// The catalog over the real silo: a Takeout imported with the CLI refreshes the importer's catalog in the background;
/// <c>datapunk catalog</c>, <c>catalog show</c> and <c>lineage</c> print it as JSON; another user gets 404 for the
/// importer's dataset and file and an empty catalog; a refresh on demand through REST completes.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CatalogEndToEndTests(SiloProcessFixture silo) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task An_import_fills_the_catalog_which_the_CLI_prints_and_no_one_else_sees()
    {
        var person = new SyntheticPerson(weeks: 2);
        using var admin = silo.AdminClient();
        var (owner, other) = (SiloTestNames.NewUserName(), SiloTestNames.NewUserName());
        var user = await admin.CreateUserAsync(new NewUser(owner), Cancellation);
        var stranger = await admin.CreateUserAsync(new NewUser(other), Cancellation);
        var credentials = _folder.File("credentials");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new { gateway = silo.Gateway.AbsoluteUri, user = owner, token = user.Token }), Cancellation);
        using var records = new MemoryStream();
        person.WriteRecordsJson(records);
        var note = """{"title":"Bank","textContent":"Pay to DE89370400440532013000, ask anna@example.org","userEditedTimestampUsec":1673000000000000,"createdTimestampUsec":1673000000000000,"isTrashed":false}""";
        var takeout = ArchiveBuilder.Zip(_folder.File("takeout.zip"),
            ("Takeout/Location History/Records.json", records.ToArray()), ("Takeout/Keep/Bank.json", ArchiveBuilder.Text(note)));
        (await CliAsync(credentials, "import", takeout, "--user", owner, "--wait")).ExitCode.ShouldBe(0);

        var fixes = person.Fixes().Count();
        var listed = await Poll.UntilAsync(
            async token => JsonSerializer.Deserialize<CatalogOverview>((await CliOkAsync(credentials, "catalog", "--user", owner, "--json")).Output, Json)!,
            catalog => !catalog.RefreshPending && catalog.Datasets.Any(dataset => dataset.Id == "fixes:google.location.records"),
            "the import to have refreshed the catalog",
            catalog => string.Join(", ", catalog?.Datasets.Select(dataset => $"{dataset.Id}={dataset.Rows}") ?? []) + $" pending {catalog?.RefreshPending}\n{silo.OutputTail}",
            TimeSpan.FromSeconds(90), Cancellation, TimeSpan.FromMilliseconds(500));
        var location = listed.Datasets.Single(dataset => dataset.Id == "fixes:google.location.records");
        (location.Rows, location.Zone, location.Files).ShouldBe((fixes, "silver", 1));
        // The note's text is found twice: as the record's body and in its source's textContent.
        listed.Datasets.Single(dataset => dataset.Id == "records:google.keep.note:keep_notes").Pii.ShouldBe(
            new Dictionary<string, long> { ["email"] = 2, ["iban"] = 2 }, ignoreOrder: true);

        var shown = JsonSerializer.Deserialize<CatalogDatasetDetail>(
            (await CliOkAsync(credentials, "catalog", "show", "fixes:google.location.records", "--user", owner, "--json")).Output, Json)!;
        shown.Quality.Select(score => score.Dimension).ShouldBe(["completeness", "validity", "accuracy", "consistency", "timeliness", "uniqueness", "integrity", "conformity"]);
        shown.Quality.Single(score => score.Dimension == "completeness").Score.ShouldBe(1.0);
        shown.Pii.ShouldContain(finding => finding.Kind == "home_location");
        var fileId = shown.Sources.ShouldHaveSingleItem().FileId;

        var lineage = JsonSerializer.Deserialize<LineageGraph>((await CliOkAsync(credentials, "lineage", "--file", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", owner, "--json")).Output, Json)!;
        lineage.Edges.ShouldContain(edge => edge.To == "dataset:fixes:google.location.records" && edge.Rows == fixes);

        using var strangers = new HttpClient { BaseAddress = silo.Gateway };
        strangers.DefaultRequestHeaders.Authorization = new("Bearer", stranger.Token);
        (await strangers.GetAsync("api/v1/catalog/fixes:google.location.records", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangers.GetAsync($"api/v1/catalog/lineage?file={fileId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var client = new DatapunkGatewayClient(silo.Gateway, stranger.Token, TimeSpan.FromSeconds(30)))
        {
            (await client.GetCatalogAsync(Cancellation)).Datasets.ShouldBeEmpty();
        }

        using var owners = new DatapunkGatewayClient(silo.Gateway, user.Token, TimeSpan.FromSeconds(30));
        await owners.RefreshCatalogAsync(Cancellation);
        await Poll.UntilAsync(
            owners.GetCatalogAsync, catalog => !catalog.RefreshPending && catalog.RefreshedAt > listed.RefreshedAt, "the refresh asked for through REST to complete",
            catalog => $"refreshed {catalog?.RefreshedAt}, pending {catalog?.RefreshPending}", TimeSpan.FromSeconds(60), Cancellation, TimeSpan.FromMilliseconds(500));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<CliResult> CliOkAsync(string credentials, params string[] arguments)
    {
        var result = await CliAsync(credentials, arguments);
        result.ExitCode.ShouldBe(0, result.ToString());
        return result;
    }

    private Task<CliResult> CliAsync(string credentials, params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, credentials);
}
