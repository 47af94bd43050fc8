using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Privacy;

/// <summary>Export and erasure end to end over HTTP against the real silo, with its real spool, Redis and audit log.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class PrivacyApiTests(SiloProcessFixture silo)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task An_export_is_downloaded_by_its_owner_as_a_zip_with_a_manifest_and_by_nobody_else()
    {
        using var admin = silo.AdminClient();
        var owner = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        var other = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var http = Client(owner.Token);

        using var started = await http.PostAsync("api/v1/privacy/exports", content: null, Cancellation);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Cancellation));
        var exportId = (await started.Content.ReadFromJsonAsync<ExportStatus>(Json, Cancellation))!.ExportId;
        var ready = await Poll.UntilAsync(
            token => http.GetFromJsonAsync<ExportStatus>($"api/v1/privacy/exports/{exportId}", Json, token),
            status => status is { State: not ExportState.Running },
            $"export {exportId} to end",
            status => $"{status?.State} {status?.Error}",
            Deadlines.Import,
            Cancellation);
        ready!.State.ShouldBe(ExportState.Ready, ready.Error);

        var zip = await http.GetByteArrayAsync($"api/v1/privacy/exports/{exportId}/download", Cancellation);
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json").ShouldNotBeNull().Open());
        manifest.RootElement.GetProperty("format").GetString().ShouldBe("datapunk-export");
        manifest.RootElement.GetRawText().ShouldContain(owner.User);

        using var stranger = Client(other.Token);
        (await stranger.GetAsync($"api/v1/privacy/exports/{exportId}/download", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"api/v1/privacy/exports/{exportId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task An_export_to_share_says_in_its_manifest_that_its_text_is_masked()
    {
        using var admin = silo.AdminClient();
        var owner = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var client = new DatapunkGatewayClient(silo.Gateway, owner.Token);

        var started = await client.StartExportAsync(masked: true, Cancellation);
        var ready = await Poll.UntilAsync(
            token => client.GetExportAsync(started.ExportId, token),
            status => status is { State: not ExportState.Running },
            $"export {started.ExportId} to end",
            status => $"{status?.State} {status?.Error}",
            Deadlines.Import,
            Cancellation);
        ready!.State.ShouldBe(ExportState.Ready, ready.Error);

        using var zip = new MemoryStream();
        await client.DownloadExportAsync(started.ExportId, zip, Cancellation);
        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json").ShouldNotBeNull().Open());
        manifest.RootElement.GetProperty("pii_masked").GetBoolean().ShouldBeTrue();
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Erasing_ones_account_needs_its_name_ends_its_tokens_and_keeps_the_audit_chain_valid()
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var http = Client(user.Token);
        (await http.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var unconfirmed = await Delete(http, "not-the-name");
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await unconfirmed.Content.ReadAsStringAsync(Cancellation));
        (await http.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, "an unconfirmed erasure changes nothing");

        using var erased = await Delete(http, user.User);
        erased.StatusCode.ShouldBe(HttpStatusCode.OK, await erased.Content.ReadAsStringAsync(Cancellation));

        (await http.GetAsync("api/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the erased account's token is gone");
        var accounts = await admin.GetUserAsync(user.User, Cancellation).ContinueWith(task => task.Exception?.InnerException, TaskScheduler.Default);
        accounts.ShouldBeOfType<DatapunkApiException>().StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var verification = await admin.VerifyAuditAsync(Cancellation);
        verification.Valid.ShouldBeTrue($"{verification.FirstBrokenSequence}: {verification.Reason}");
    }

    private static async Task<HttpResponseMessage> Delete(HttpClient http, string confirm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v1/me") { Content = JsonContent.Create(new { confirm }) };
        return await http.SendAsync(request, Cancellation);
    }

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
