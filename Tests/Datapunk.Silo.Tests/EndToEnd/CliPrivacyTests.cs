using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Grpc;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary>
/// <c>datapunk export</c> and <c>datapunk erase</c> (the built CLI as a process) on their success paths
/// against the real silo: an export that imports into another user as the same records, and an
/// erasure that needs its confirmation and then leaves nothing of the user.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CliPrivacyTests(SiloProcessFixture silo) : IDisposable
{
    private const int Plays = 10;

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Gateway => silo.Gateway.AbsoluteUri;

    [Fact(Timeout = 180_000)]
    public async Task ExportWritesAZipThatImportsIntoAnotherUserAsTheSameRecords()
    {
        var (original, copy) = (SiloTestNames.NewUserName(), SiloTestNames.NewUserName());
        var takeout = ArchiveBuilder.Zip(_folder.File("takeout.zip"), RecordsExport.Entries(original, Plays));
        var zip = _folder.File("export.zip");

        var imported = await CliAsync(["import", takeout, "--user", original, "--wait", "--json", "--gateway", Gateway], silo.CredentialsFile);
        var exported = await CliAsync(["export", "--user", original, "--output", zip, "--gateway", Gateway], silo.CredentialsFile);
        var reimported = await CliAsync(["import", zip, "--user", copy, "--wait", "--json", "--gateway", Gateway], silo.CredentialsFile);

        imported.ExitCode.ShouldBe(0, imported.ToString());
        exported.ExitCode.ShouldBe(0, exported.ToString());
        exported.Output.ShouldStartWith($"Exported to {zip} (", customMessage: exported.ToString());
        var manifest = Manifest(zip);
        manifest.GetProperty("user").GetString().ShouldBe(original);
        var exportedCounts = manifest.GetProperty("files").EnumerateArray()
            .Where(file => file.GetProperty("content").GetString() is "records" or "location_points")
            .ToDictionary(file => file.TryGetProperty("kind", out var kind) ? kind.GetString()! : "location_points", file => file.GetProperty("records").GetInt64());
        exportedCounts.ShouldBe(
            new Dictionary<string, long> { ["location_points"] = RecordsExport.Fixes, ["place_visits"] = RecordsExport.Visits, ["spotify_plays"] = Plays },
            ignoreOrder: true, manifest.ToString());
        reimported.ExitCode.ShouldBe(0, reimported.ToString());
        using var report = JsonDocument.Parse(reimported.Output);
        report.RootElement.GetProperty("status").GetString().ShouldBe("Completed", reimported.Output);
        // The report lists every kind, those it stored none of with 0.
        report.RootElement.GetProperty("records").EnumerateObject().Where(kind => kind.Value.GetInt64() > 0).ToDictionary(kind => kind.Name, kind => kind.Value.GetInt64())
            .ShouldBe(exportedCounts, ignoreOrder: true, "the copy stored every exported row");
        (await RecordsAsync(copy)).ShouldBe(await RecordsAsync(original), "the same records, field by field");
    }

    [Fact(Timeout = 180_000)]
    public async Task EraseNeedsYesAndThenLeavesNothingOfTheUser()
    {
        using var admin = silo.AdminClient();
        var name = SiloTestNames.NewUserName();
        var user = await admin.CreateUserAsync(new NewUser(name), Cancellation);
        var credentials = _folder.File("credentials");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new { gateway = Gateway, user = name, token = user.Token }), Cancellation);
        var takeout = ArchiveBuilder.Zip(_folder.File("takeout.zip"), RecordsExport.Entries(name, Plays));
        (await CliAsync(["import", takeout, "--user", name, "--wait", "--gateway", Gateway], credentials)).ExitCode.ShouldBe(0);

        var unconfirmed = await CliAsync(["erase", "--user", name, "--gateway", Gateway], credentials);
        using (var stillThere = new DatapunkGatewayClient(silo.Gateway, user.Token))
        {
            (await stillThere.GetMeAsync(Cancellation)).UserName.ShouldBe(name, "without --yes nothing is erased");
        }

        var erased = await CliAsync(["erase", "--user", name, "--yes", "--gateway", Gateway], credentials);

        unconfirmed.ExitCode.ShouldBe(1, unconfirmed.ToString());
        unconfirmed.Error.ShouldContain("--yes", customMessage: unconfirmed.ToString());
        erased.ExitCode.ShouldBe(0, erased.ToString());
        erased.Output.ShouldStartWith($"Erased {name}: ", customMessage: erased.ToString());
        erased.Output.ShouldNotStartWith($"Erased {name}: 0 rows", customMessage: "the user's records were among what was removed");
        using var gone = new DatapunkGatewayClient(silo.Gateway, user.Token);
        (await Should.ThrowAsync<DatapunkApiException>(() => gone.GetMeAsync(Cancellation))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Should.ThrowAsync<DatapunkApiException>(() => admin.GetUserAsync(name, Cancellation))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var verification = await admin.VerifyAuditAsync(Cancellation);
        verification.Valid.ShouldBeTrue($"{verification.FirstBrokenSequence}: {verification.Reason}");
    }

    public void Dispose() => _folder.Dispose();

    private static Task<CliResult> CliAsync(string[] arguments, string credentials) => CliProcess.RunAsync(arguments, Deadlines.Cli, Cancellation, credentials);

    private static JsonElement Manifest(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json").ShouldNotBeNull("the export has its manifest").Open());
        return manifest.RootElement.Clone();
    }

    /// <summary>The user's records as the REST API lists them (an administrator acting for the user), without what names the import.</summary>
    private async Task<List<string>> RecordsAsync(string user)
    {
        using var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", silo.AdminToken);
        http.DefaultRequestHeaders.Add("Datapunk-Act-As", user);
        using var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/records?limit=500", Cancellation));
        return [.. page.RootElement.GetProperty("records").EnumerateArray().Select(record =>
        {
            var fields = record.EnumerateObject().Where(field => field.Name != "provenance").Select(field => $"{field.Name}={field.Value.GetRawText()}");
            return string.Join(" ", fields);
        })];
    }
}
