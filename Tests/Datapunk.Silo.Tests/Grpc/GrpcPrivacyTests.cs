using System.IO.Compression;
using System.Text.Json;
using Datapunk.Silo.Grpc.V1;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;
using PrivacyService = Datapunk.Silo.Grpc.V1.Privacy;
using UsersService = Datapunk.Silo.Grpc.V1.Users;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>The Privacy service against the real silo: an export streamed to its owner alone, and erasure with its confirmation.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcPrivacyTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AnExportIsDownloadedAsAStreamOfChunksByItsOwnerAndNobodyElse()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        await scenario.ImportMemberRecordsAsync(plays: 20, Cancellation);
        var privacy = new PrivacyService.PrivacyClient(scenario.Channel);
        var member = GrpcScenario.As(scenario.Member.Token);
        var readOnly = (await new Tokens.TokensClient(scenario.Channel).CreateAsync(new CreateTokenRequest { Name = "read only", Scopes = { "read" } }, member)).Text;

        var started = await privacy.StartExportAsync(new StartExportRequest(), member);
        var ready = await Poll.UntilAsync(
            async _ => await privacy.GetExportAsync(new GetExportRequest { ExportId = started.ExportId }, GrpcScenario.As(scenario.Member.Token)),
            status => status.State != ExportState.Running,
            $"export {started.ExportId} to end",
            status => status?.ToString() ?? "nothing",
            Deadlines.Import,
            Cancellation);
        var chunks = await GrpcStreams.ReadAllAsync(privacy.DownloadExport(new DownloadExportRequest { ExportId = started.ExportId }, member));
        var zip = chunks.SelectMany(chunk => chunk.Data.ToByteArray()).ToArray();
        var tail = await GrpcStreams.ReadAllAsync(privacy.DownloadExport(new DownloadExportRequest { ExportId = started.ExportId, Offset = zip.Length - 100 }, member));
        var unknownId = Guid.NewGuid().ToString();
        var refusals = new Dictionary<string, RpcException>
        {
            ["others GetExport"] = await Should.ThrowAsync<RpcException>(() =>
                privacy.GetExportAsync(new GetExportRequest { ExportId = started.ExportId }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync),
            ["others DownloadExport"] = await Should.ThrowAsync<RpcException>(() =>
                GrpcStreams.ReadAllAsync(privacy.DownloadExport(new DownloadExportRequest { ExportId = started.ExportId }, GrpcScenario.As(scenario.Other.Token)))),
        };
        var unknown = await Should.ThrowAsync<RpcException>(() => privacy.GetExportAsync(new GetExportRequest { ExportId = unknownId }, member).ResponseAsync);
        var badOffset = await Should.ThrowAsync<RpcException>(() =>
            GrpcStreams.ReadAllAsync(privacy.DownloadExport(new DownloadExportRequest { ExportId = started.ExportId, Offset = -1 }, member)));
        var notWritable = await Should.ThrowAsync<RpcException>(() => privacy.StartExportAsync(new StartExportRequest(), GrpcScenario.As(readOnly)).ResponseAsync);
        var audited = await scenario.AuditEntryAsync(scenario.Member, "export", "/datapunk.v1.Privacy/StartExport", Cancellation);

        ready.State.ShouldBe(ExportState.Ready, ready.Error);
        chunks.Count.ShouldBeGreaterThan(0);
        chunks.ShouldAllBe(chunk => chunk.TotalBytes == ready.Bytes && chunk.Data.Length <= 64 * 1024);
        chunks.Select(chunk => chunk.Offset).ShouldBe(chunks.Select((_, i) => chunks.Take(i).Sum(previous => (long)previous.Data.Length)), "contiguous chunks");
        zip.LongLength.ShouldBe(ready.Bytes);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json").ShouldNotBeNull().Open());
            manifest.RootElement.GetProperty("user").GetString().ShouldBe(scenario.Member.Name);
            manifest.RootElement.GetProperty("files").EnumerateArray()
                .Single(file => file.TryGetProperty("kind", out var kind) && kind.GetString() == "spotify_plays").GetProperty("records").GetInt64().ShouldBe(20);
        }

        tail.SelectMany(chunk => chunk.Data.ToByteArray()).ShouldBe(zip[^100..], "a download resumed from an offset");
        tail[0].Offset.ShouldBe(zip.Length - 100);
        foreach (var (call, refusal) in refusals)
        {
            refusal.StatusCode.ShouldBe(StatusCode.NotFound, $"{call}: {refusal}");
            refusal.Status.Detail.Replace(started.ExportId, "ID", StringComparison.Ordinal)
                .ShouldBe(unknown.Status.Detail.Replace(unknownId, "ID", StringComparison.Ordinal), $"{call}: worded as an export nobody made");
        }

        badOffset.StatusCode.ShouldBe(StatusCode.InvalidArgument, badOffset.ToString());
        badOffset.Status.Detail.ShouldStartWith("offset: ");
        notWritable.StatusCode.ShouldBe(StatusCode.PermissionDenied, notWritable.ToString());
        audited.ShouldNotBeNull().Details["status"].ShouldBe("OK");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ErasureNeedsTheCallersOwnUserIdAndEndsTheirCredentials()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        await scenario.ImportMemberRecordsAsync(plays: 3, Cancellation);
        var privacy = new PrivacyService.PrivacyClient(scenario.Channel);
        var me = new Me.MeClient(scenario.Channel);

        var unconfirmed = await Should.ThrowAsync<RpcException>(() =>
            privacy.EraseAsync(new EraseRequest { Confirm = "not-the-name" }, GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var byAnother = await Should.ThrowAsync<RpcException>(() =>
            privacy.EraseAsync(new EraseRequest { Confirm = scenario.Member.Name }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync);
        (await me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(scenario.Member.Token))).UserName.ShouldBe(scenario.Member.Name, "nothing was erased yet");
        var report = await privacy.EraseAsync(new EraseRequest { Confirm = scenario.Member.Name }, GrpcScenario.As(scenario.Member.Token));
        var afterwards = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var users = await new UsersService.UsersClient(scenario.Channel).ListAsync(new ListUsersRequest(), GrpcScenario.As(silo.AdminToken));

        unconfirmed.StatusCode.ShouldBe(StatusCode.InvalidArgument, unconfirmed.ToString());
        unconfirmed.Status.Detail.ShouldStartWith("confirm: ");
        byAnother.StatusCode.ShouldBe(StatusCode.InvalidArgument, byAnother.ToString());
        byAnother.Status.Detail.ShouldNotContain(scenario.Member.Name, customMessage: "the refusal names the caller's own id only");
        report.UserName.ShouldBe(scenario.Member.Name);
        report.Rows.Values.Sum().ShouldBeGreaterThanOrEqualTo(3 + RecordsExport.Visits + RecordsExport.Fixes, report.ToString());
        afterwards.StatusCode.ShouldBe(StatusCode.Unauthenticated, afterwards.ToString());
        users.Users.ShouldNotContain(user => user.UserName == scenario.Member.Name);
        users.Users.ShouldContain(user => user.UserName == scenario.Other.Name, "the other member is untouched");
    }
}
