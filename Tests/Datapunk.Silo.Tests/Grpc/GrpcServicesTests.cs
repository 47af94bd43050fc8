using Datapunk.Silo.Grpc.V1;
using UsersService = Datapunk.Silo.Grpc.V1.Users;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>The gRPC services of the real silo process through the .NET client (Grpc.Net.Client) over cleartext HTTP/2.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcServicesTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GetMeAnswersTheCallerFromTheTokenAndAnAdministratorActingForAMember()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var me = new Me.MeClient(scenario.Channel);

        var member = await me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(scenario.Member.Token));
        var actedFor = await me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(silo.AdminToken, actAs: scenario.Member.Name));
        var refused = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(scenario.Other.Token, actAs: scenario.Member.Name)).ResponseAsync);

        member.UserName.ShouldBe(scenario.Member.Name);
        member.Role.ShouldBe("member");
        member.DisplayName.ShouldBe("gRPC Member");
        member.Scopes.ShouldBe(["read", "write"]);
        member.HasActingAdministrator.ShouldBeFalse();
        actedFor.UserName.ShouldBe(scenario.Member.Name);
        actedFor.ActingAdministrator.ShouldBe("owner");
        refused.StatusCode.ShouldBe(StatusCode.PermissionDenied, refused.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallsWithoutAValidTokenAreUnauthenticated()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var me = new Me.MeClient(scenario.Channel);

        var none = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(null)).ResponseAsync);
        var unknown = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As("dpat_" + Guid.NewGuid().ToString("N"))).ResponseAsync);
        var garbage = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As("not.a.jwt")).ResponseAsync);

        none.StatusCode.ShouldBe(StatusCode.Unauthenticated, none.ToString());
        none.Status.Detail.ShouldContain("authorization: Bearer");
        unknown.StatusCode.ShouldBe(StatusCode.Unauthenticated, unknown.ToString());
        garbage.StatusCode.ShouldBe(StatusCode.Unauthenticated, garbage.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task OnlyAnAdministratorListsAndCreatesUsers()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var users = new UsersService.UsersClient(scenario.Channel);
        var name = SiloTestNames.NewUserName();

        var denied = await Should.ThrowAsync<RpcException>(() => users.ListAsync(new ListUsersRequest(), GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var created = await users.CreateAsync(new CreateUserRequest { UserName = name, Role = "admin" }, GrpcScenario.As(silo.AdminToken));
        var listed = await users.ListAsync(new ListUsersRequest(), GrpcScenario.As(silo.AdminToken));
        var again = await Should.ThrowAsync<RpcException>(() => users.CreateAsync(new CreateUserRequest { UserName = name }, GrpcScenario.As(silo.AdminToken)).ResponseAsync);
        var invalid = await Should.ThrowAsync<RpcException>(() => users.CreateAsync(new CreateUserRequest { UserName = "Not A Name!", Role = "king" }, GrpcScenario.As(silo.AdminToken)).ResponseAsync);
        var newAdmin = await new Me.MeClient(scenario.Channel).GetMeAsync(new GetMeRequest(), GrpcScenario.As(created.Token));

        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied, denied.ToString());
        denied.Status.Detail.ShouldContain("scope:admin");
        created.UserName.ShouldBe(name);
        created.Role.ShouldBe("admin");
        created.Token.ShouldStartWith("dpat_");
        listed.Users.ShouldContain(user => user.UserName == name && user.Role == "admin");
        listed.Users.ShouldContain(user => user.UserName == scenario.Member.Name && user.Role == "member");
        again.StatusCode.ShouldBe(StatusCode.AlreadyExists, again.ToString());
        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument, invalid.ToString());
        invalid.Status.Detail.ShouldContain("user_name: 'Not A Name!' is not a valid user name");
        invalid.Status.Detail.ShouldContain("role: 'king'");
        newAdmin.Scopes.ShouldContain("admin");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task TokensAreCreatedListedAndRevokedWithinTheCallersScopes()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var tokens = new Tokens.TokensClient(scenario.Channel);
        var me = new Me.MeClient(scenario.Channel);

        var issued = await tokens.CreateAsync(new CreateTokenRequest { Name = "read only", Scopes = { "read" } }, GrpcScenario.As(scenario.Member.Token));
        var listed = await tokens.ListAsync(new ListTokensRequest(), GrpcScenario.As(issued.Text));
        var readOnlyCreates = await Should.ThrowAsync<RpcException>(() => tokens.CreateAsync(new CreateTokenRequest { Name = "x" }, GrpcScenario.As(issued.Text)).ResponseAsync);
        var tooMuch = await Should.ThrowAsync<RpcException>(() => tokens.CreateAsync(new CreateTokenRequest { Name = "x", Scopes = { "admin" } }, GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var badId = await Should.ThrowAsync<RpcException>(() => tokens.RevokeAsync(new RevokeTokenRequest { TokenId = "42" }, GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var othersToken = await Should.ThrowAsync<RpcException>(() => tokens.RevokeAsync(new RevokeTokenRequest { TokenId = issued.Token.TokenId }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync);
        (await me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(issued.Text))).UserName.ShouldBe(scenario.Member.Name);
        await tokens.RevokeAsync(new RevokeTokenRequest { TokenId = issued.Token.TokenId }, GrpcScenario.As(scenario.Member.Token));
        var afterRevoke = await Should.ThrowAsync<RpcException>(() => me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(issued.Text)).ResponseAsync);

        issued.Text.ShouldStartWith("dpat_");
        issued.Token.Scopes.ShouldBe(["read"]);
        listed.Tokens.ShouldContain(token => token.TokenId == issued.Token.TokenId && token.Name == "read only");
        listed.Tokens.ShouldAllBe(token => token.Name != "" && token.CreatedAt != null);
        readOnlyCreates.StatusCode.ShouldBe(StatusCode.PermissionDenied, readOnlyCreates.ToString());
        tooMuch.StatusCode.ShouldBe(StatusCode.InvalidArgument, tooMuch.ToString());
        tooMuch.Status.Detail.ShouldStartWith("scopes: ");
        badId.StatusCode.ShouldBe(StatusCode.InvalidArgument, badId.ToString());
        badId.Status.Detail.ShouldStartWith("token_id: '42' is not a UUID");
        othersToken.StatusCode.ShouldBe(StatusCode.NotFound, othersToken.ToString());
        afterRevoke.StatusCode.ShouldBe(StatusCode.Unauthenticated, afterRevoke.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task AnImportIsItsOwnersAndNotFoundForAnyoneElse()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var imports = new Imports.ImportsClient(scenario.Channel);
        var importId = (await scenario.StartMemberImportAsync(fixes: 50)).ToString();

        var watched = await GrpcStreams.ReadAllAsync(imports.WatchImport(new WatchImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Member.Token)));
        var got = await imports.GetAsync(new GetImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Member.Token));
        var files = await imports.GetFilesAsync(new GetImportFilesRequest { ImportId = importId }, GrpcScenario.As(scenario.Member.Token));
        var listed = await imports.ListAsync(new ListImportsRequest(), GrpcScenario.As(scenario.Member.Token));
        var othersList = await imports.ListAsync(new ListImportsRequest(), GrpcScenario.As(scenario.Other.Token));
        var unknownId = Guid.NewGuid().ToString();
        var refusals = new Dictionary<string, RpcException>
        {
            ["Get"] = await Should.ThrowAsync<RpcException>(() => imports.GetAsync(new GetImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync),
            ["GetFiles"] = await Should.ThrowAsync<RpcException>(() => imports.GetFilesAsync(new GetImportFilesRequest { ImportId = importId }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync),
            ["Cancel"] = await Should.ThrowAsync<RpcException>(() => imports.CancelAsync(new CancelImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Other.Token)).ResponseAsync),
            ["WatchImport"] = await Should.ThrowAsync<RpcException>(() => GrpcStreams.ReadAllAsync(imports.WatchImport(new WatchImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Other.Token)))),
        };
        var unknown = await Should.ThrowAsync<RpcException>(() => imports.GetAsync(new GetImportRequest { ImportId = unknownId }, GrpcScenario.As(scenario.Member.Token)).ResponseAsync);
        var badStatus = await Should.ThrowAsync<RpcException>(() => imports.GetFilesAsync(new GetImportFilesRequest { ImportId = importId, Status = "eaten" }, GrpcScenario.As(scenario.Member.Token)).ResponseAsync);

        watched.ShouldNotBeEmpty();
        watched[^1].Status.ShouldBe(ImportState.Completed, watched[^1].ToString());
        watched.Take(watched.Count - 1).ShouldAllBe(progress => progress.Status != ImportState.Completed);
        got.ImportId.ShouldBe(importId);
        got.Records["location_points"].ShouldBe(50, got.ToString());
        files.Files.ShouldContain(file => file.File.EndsWith("Records.json", StringComparison.Ordinal) && file.Status == "imported", files.ToString());
        listed.Imports.ShouldContain(progress => progress.ImportId == importId);
        othersList.Imports.ShouldNotContain(progress => progress.ImportId == importId);
        foreach (var (method, refusal) in refusals)
        {
            refusal.StatusCode.ShouldBe(StatusCode.NotFound, $"{method}: {refusal}");
            refusal.Status.Detail.ShouldBe($"Import {importId} does not exist.", $"{method}: {refusal}");
        }

        unknown.Status.Detail.ShouldBe($"Import {unknownId} does not exist.");
        badStatus.StatusCode.ShouldBe(StatusCode.InvalidArgument, badStatus.ToString());
        badStatus.Status.Detail.ShouldStartWith("status: 'eaten'");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task WatchingARunningImportStopsAtTheDeadlineAndCancelEndsTheImport()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var imports = new Imports.ImportsClient(scenario.Channel);
        var importId = (await scenario.StartMemberImportAsync(fixes: RunningImportFixes)).ToString();
        var received = new List<ImportProgress>();
        var started = DateTime.UtcNow;

        var expired = await Should.ThrowAsync<RpcException>(async () =>
        {
            using var call = imports.WatchImport(new WatchImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Member.Token, DateTime.UtcNow.AddMilliseconds(700)));
            await foreach (var progress in call.ResponseStream.ReadAllAsync(Cancellation))
            {
                received.Add(progress);
            }
        });
        var elapsed = DateTime.UtcNow - started;
        var cancelled = await imports.CancelAsync(new CancelImportRequest { ImportId = importId }, GrpcScenario.As(scenario.Member.Token));

        expired.StatusCode.ShouldBe(StatusCode.DeadlineExceeded, expired.ToString());
        received.ShouldNotBeEmpty("the progress at the start of the watch");
        received.ShouldAllBe(progress => progress.Status != ImportState.Completed && progress.Status != ImportState.Cancelled);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        cancelled.Status.ShouldBe(ImportState.Cancelled, cancelled.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task TheAuditTrailStreamsOnlyTheCallersEntriesAndRecordsItsOwnReading()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var audit = new Audit.AuditClient(scenario.Channel);
        await GrpcStreams.ReadAllAsync(audit.ListTrail(new ListTrailRequest(), GrpcScenario.As(scenario.Other.Token)));
        await GrpcStreams.ReadAllAsync(audit.ListTrail(new ListTrailRequest(), GrpcScenario.As(scenario.Member.Token)));

        var trail = await GrpcStreams.ReadAllAsync(audit.ListTrail(new ListTrailRequest(), GrpcScenario.As(scenario.Member.Token)));
        var limited = await GrpcStreams.ReadAllAsync(audit.ListTrail(new ListTrailRequest { Limit = 1 }, GrpcScenario.As(scenario.Member.Token)));
        var badLimit = await Should.ThrowAsync<RpcException>(() => GrpcStreams.ReadAllAsync(audit.ListTrail(new ListTrailRequest { Limit = -1 }, GrpcScenario.As(scenario.Member.Token))));

        trail.ShouldNotBeEmpty();
        trail.ShouldAllBe(entry => entry.Subject == scenario.Member.Name || entry.Actor == scenario.Member.Name);
        var read = trail.First(entry => entry.Action == "audit.read");
        read.Details["route"].ShouldBe("/datapunk.v1.Audit/ListTrail");
        read.Details["status"].ShouldBe("OK");
        trail.Select(entry => entry.Sequence).ShouldBeInOrder(SortDirection.Descending);
        limited.Count.ShouldBe(1);
        limited[0].Sequence.ShouldBeGreaterThan(trail[0].Sequence, "the reading of the full trail was audited after it");
        badLimit.StatusCode.ShouldBe(StatusCode.InvalidArgument, badLimit.ToString());
        badLimit.Status.Detail.ShouldStartWith("limit: ");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ATokenOverItsRateLimitIsResourceExhausted()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var me = new Me.MeClient(scenario.Channel);
        var token = (await new Tokens.TokensClient(scenario.Channel).CreateAsync(new CreateTokenRequest { Name = "burst" }, GrpcScenario.As(scenario.Member.Token))).Text;

        var codes = new List<StatusCode>();
        // Up to twice the limit: the bucket refills while the calls go on (a sixth of the limit every 10 s), and a busy machine took 11 s for 700 calls.
        for (var batch = 0; batch < 2 * PerTokenLimit / 50 && !codes.Contains(StatusCode.ResourceExhausted); batch++)
        {
            codes.AddRange(await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                try
                {
                    await me.GetMeAsync(new GetMeRequest(), GrpcScenario.As(token));
                    return StatusCode.OK;
                }
                catch (RpcException exception)
                {
                    return exception.StatusCode;
                }
            })));
        }

        codes.ShouldContain(StatusCode.ResourceExhausted, $"{codes.Count} calls: {string.Join(", ", codes.GroupBy(c => c).Select(g => $"{g.Key} x{g.Count()}"))}");
        codes.Distinct().ShouldBe([StatusCode.OK, StatusCode.ResourceExhausted], ignoreOrder: true);
    }

    /// <summary>The silo's default per-token limit (RateLimits:PerToken, requests per minute).</summary>
    private const int PerTokenLimit = 600;

    /// <summary>Enough fixes that the import is still running when a watch's deadline of 0.7 s passes.</summary>
    private const int RunningImportFixes = 300_000;
}
