using Datapunk.Silo.Grpc.V1;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary><c>Imports.Start</c> against the real silo: from the caller's own finished uploads only, with the write scope, one import at a time.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcImportStartTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AnImportStartsFromTheCallersOwnUploadAndAnotherUsersUploadIsNotFound()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var imports = new Imports.ImportsClient(scenario.Channel);
        var upload = await scenario.UploadAsync(scenario.Member, Cancellation, RecordsExport.Entries(scenario.Member.Name, plays: 5));
        var othersUpload = await scenario.UploadAsync(scenario.Other, Cancellation, RecordsExport.Entries(scenario.Other.Name, plays: 2));
        var readOnly = (await new Tokens.TokensClient(scenario.Channel).CreateAsync(
            new CreateTokenRequest { Name = "read only", Scopes = { "read" } }, GrpcScenario.As(scenario.Member.Token))).Text;
        var unknownId = Guid.NewGuid();

        var stolen = await RefusedAsync(imports, new StartImportRequest { UploadIds = { othersUpload.ToString() } }, scenario.Member.Token);
        var unknown = await RefusedAsync(imports, new StartImportRequest { UploadIds = { unknownId.ToString() } }, scenario.Member.Token);
        var badId = await RefusedAsync(imports, new StartImportRequest { UploadIds = { "upload-1" } }, scenario.Member.Token);
        var nothing = await RefusedAsync(imports, new StartImportRequest(), scenario.Member.Token);
        var both = await RefusedAsync(imports, new StartImportRequest { UploadIds = { upload.ToString() }, Paths = { "/tmp" } }, scenario.Member.Token);
        var notWritable = await RefusedAsync(imports, new StartImportRequest { UploadIds = { upload.ToString() } }, readOnly);
        var started = await imports.StartAsync(new StartImportRequest { UploadIds = { upload.ToString() } }, GrpcScenario.As(scenario.Member.Token));
        var finished = await scenario.WaitUntilFinishedAsync(Guid.Parse(started.ImportId), Cancellation);
        var audited = await scenario.AuditEntryAsync(scenario.Member, "imports.start", "/datapunk.v1.Imports/Start", Cancellation);
        var othersOwn = await imports.StartAsync(new StartImportRequest { UploadIds = { othersUpload.ToString() } }, GrpcScenario.As(scenario.Other.Token));

        stolen.StatusCode.ShouldBe(StatusCode.NotFound, stolen.ToString());
        stolen.Status.Detail.Replace(othersUpload.ToString(), "ID", StringComparison.Ordinal)
            .ShouldBe(unknown.Status.Detail.Replace(unknownId.ToString(), "ID", StringComparison.Ordinal), "another user's upload reads as one nobody made");
        badId.StatusCode.ShouldBe(StatusCode.InvalidArgument, badId.ToString());
        badId.Status.Detail.ShouldBe("upload_ids: 'upload-1' is not a UUID.");
        nothing.Status.Detail.ShouldStartWith("upload_ids: ", customMessage: nothing.ToString());
        both.Status.Detail.ShouldStartWith("upload_ids: ", customMessage: both.ToString());
        notWritable.StatusCode.ShouldBe(StatusCode.PermissionDenied, notWritable.ToString());
        finished.Status.ShouldBe(ImportState.Completed, finished.ToString());
        finished.Records["spotify_plays"].ShouldBe(5, finished.ToString());
        audited.ShouldNotBeNull().Details["status"].ShouldBe("OK");
        othersOwn.ImportId.ShouldNotBe(started.ImportId, "the other user's upload was untouched and is theirs to import");
        await scenario.WaitUntilFinishedAsync(Guid.Parse(othersOwn.ImportId), Cancellation, scenario.Other);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AStartWhileAnotherImportRunsIsAFailedPrecondition()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var imports = new Imports.ImportsClient(scenario.Channel);
        var upload = await scenario.UploadAsync(scenario.Member, Cancellation, RecordsExport.Entries(scenario.Member.Name, plays: 1));
        var running = await scenario.StartMemberImportAsync(fixes: 300_000);

        var busy = await RefusedAsync(imports, new StartImportRequest { UploadIds = { upload.ToString() } }, scenario.Member.Token);
        await imports.CancelAsync(new CancelImportRequest { ImportId = running.ToString() }, GrpcScenario.As(scenario.Member.Token));

        busy.StatusCode.ShouldBe(StatusCode.FailedPrecondition, busy.ToString());
        busy.Status.Detail.ShouldContain(running.ToString());
    }

    private static Task<RpcException> RefusedAsync(Imports.ImportsClient imports, StartImportRequest request, string token) =>
        Should.ThrowAsync<RpcException>(() => imports.StartAsync(request, GrpcScenario.As(token)).ResponseAsync);
}
