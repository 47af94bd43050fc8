using System.Text.Json;
using Datapunk.Client;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// Interoperability with an independent gRPC implementation: interop/interop.js drives the real silo
/// with Node's @grpc/grpc-js 1.14.7 and @grpc/proto-loader 0.8.1 (loading the repository's .proto
/// files) and prints the outcome of each case as JSON, which this test checks.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcInteropTests(SiloProcessFixture silo)
{
    // grpc-js reports status codes as numbers.
    private const int Ok = 0;
    private const int InvalidArgument = 3;
    private const int DeadlineExceeded = 4;
    private const int NotFound = 5;
    private const int PermissionDenied = 7;
    private const int Unauthenticated = 16;

    /// <summary>The member's plays: a stream of one-record pages runs for seconds, far past its 1 s deadline.</summary>
    private const int Plays = 1_500;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string InteropFolder => Path.Combine(RepositoryPaths.Root, "Tests", "Datapunk.Silo.Tests", "Grpc", "interop");

    [Fact(Timeout = Deadlines.TestMilliseconds * 2)]
    public async Task GrpcJsCallsUnaryAndStreamingMethodsAndGetsTheSameErrorsAndDeadlines()
    {
        // Installed before the imports start: the running one must still run when the script watches it.
        await NodeProcess.EnsureInstalledAsync(InteropFolder, Cancellation);
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var ownImport = await scenario.StartMemberImportAsync(fixes: 20);
        await scenario.WaitUntilFinishedAsync(ownImport, Cancellation);
        await scenario.ImportMemberRecordsAsync(Plays, Cancellation);
        using var asMember = new DatapunkGatewayClient(silo.Gateway, scenario.Member.Token);
        var memberExport = (await asMember.StartExportAsync(Cancellation)).ExportId;
        var runningImport = await scenario.StartMemberImportAsync(fixes: 300_000);
        var input = JsonSerializer.Serialize(new
        {
            target = $"127.0.0.1:{silo.Grpc.Port}",
            protoDir = Path.Combine(RepositoryPaths.Root, "Silo", "Grpc", "Protos"),
            member = scenario.Member.Token,
            memberName = scenario.Member.Name,
            other = scenario.Other.Token,
            admin = silo.AdminToken,
            ownImport,
            runningImport,
            memberExport,
        });

        var run = await NodeProcess.RunAsync(InteropFolder, "interop.js", [input], TimeSpan.FromSeconds(90), Cancellation);
        await new Silo.Grpc.V1.Imports.ImportsClient(scenario.Channel).CancelAsync(
            new() { ImportId = runningImport.ToString() }, GrpcScenario.As(scenario.Member.Token));

        run.ExitCode.ShouldBe(0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var results = document.RootElement;
        string Describe(string name) => $"{name}: {results.GetProperty(name)}";
        int Code(string name) => results.GetProperty(name).GetProperty("code").GetInt32();
        string Details(string name) => results.GetProperty(name).GetProperty("details").GetString() ?? "";
        JsonElement Reply(string name) => results.GetProperty(name).GetProperty("reply");
        JsonElement.ArrayEnumerator Messages(string name) => results.GetProperty(name).GetProperty("messages").EnumerateArray();

        Code("getMe").ShouldBe(Ok, Describe("getMe"));
        Reply("getMe").GetProperty("userName").GetString().ShouldBe(scenario.Member.Name);
        Code("getMeWithoutToken").ShouldBe(Unauthenticated, Describe("getMeWithoutToken"));
        Code("getMeWithUnknownToken").ShouldBe(Unauthenticated, Describe("getMeWithUnknownToken"));
        Code("getMeActingAsMember").ShouldBe(Ok, Describe("getMeActingAsMember"));
        Reply("getMeActingAsMember").GetProperty("actingAdministrator").GetString().ShouldBe("owner");
        Code("memberListsUsers").ShouldBe(PermissionDenied, Describe("memberListsUsers"));
        Code("adminListsUsers").ShouldBe(Ok, Describe("adminListsUsers"));
        Reply("adminListsUsers").GetProperty("users").EnumerateArray().Select(user => user.GetProperty("userName").GetString())
            .ShouldContain(scenario.Member.Name);
        Code("createUserWithBadName").ShouldBe(InvalidArgument, Describe("createUserWithBadName"));
        Details("createUserWithBadName").ShouldStartWith("user_name: ");

        Code("ownImport").ShouldBe(Ok, Describe("ownImport"));
        Reply("ownImport").GetProperty("status").GetString().ShouldBe("IMPORT_STATE_COMPLETED");
        Reply("ownImport").GetProperty("records").GetProperty("location_points").GetString().ShouldBe("20", "int64 arrives as a string with longs: String");
        Code("otherUsersImport").ShouldBe(NotFound, Describe("otherUsersImport"));
        Details("otherUsersImport").ShouldBe($"Import {ownImport} does not exist.");
        Code("unknownImport").ShouldBe(NotFound, Describe("unknownImport"));
        Code("badImportId").ShouldBe(InvalidArgument, Describe("badImportId"));
        Details("badImportId").ShouldStartWith("import_id: ");
        Reply("listImports").GetProperty("imports").EnumerateArray().Select(i => i.GetProperty("importId").GetString()).ShouldContain(ownImport.ToString());

        Code("watchFinishedImport").ShouldBe(Ok, Describe("watchFinishedImport"));
        Messages("watchFinishedImport").Select(m => m.GetProperty("status").GetString()).ShouldBe(["IMPORT_STATE_COMPLETED"], Describe("watchFinishedImport"));
        Code("watchOtherUsersImport").ShouldBe(NotFound, Describe("watchOtherUsersImport"));
        Messages("watchOtherUsersImport").ShouldBeEmpty();
        Code("watchRunningImportPastDeadline").ShouldBe(DeadlineExceeded, Describe("watchRunningImportPastDeadline"));
        Messages("watchRunningImportPastDeadline").ShouldNotBeEmpty(Describe("watchRunningImportPastDeadline"));
        results.GetProperty("watchRunningImportPastDeadline").GetProperty("elapsedMs").GetInt32().ShouldBeLessThan(5_000);

        Code("recordsStream").ShouldBe(Ok, Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("records").GetInt32().ShouldBe(Plays + RecordsExport.Visits, Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("distinctIds").GetInt32().ShouldBe(Plays + RecordsExport.Visits, Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("pages").GetInt32().ShouldBe(4, Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("lastPageToken").GetString().ShouldBe("", Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("newestFirst").GetBoolean().ShouldBeTrue(Describe("recordsStream"));
        results.GetProperty("recordsStream").GetProperty("titlesOfMember").GetBoolean().ShouldBeTrue(Describe("recordsStream"));
        Code("othersRecordsStream").ShouldBe(Ok, Describe("othersRecordsStream"));
        results.GetProperty("othersRecordsStream").GetProperty("records").GetInt32().ShouldBe(0, Describe("othersRecordsStream"));
        Code("recordsStreamPastDeadline").ShouldBe(DeadlineExceeded, Describe("recordsStreamPastDeadline"));
        results.GetProperty("recordsStreamPastDeadline").GetProperty("records").GetInt32().ShouldBeInRange(1, Plays, Describe("recordsStreamPastDeadline"));
        results.GetProperty("recordsStreamPastDeadline").GetProperty("elapsedMs").GetInt32().ShouldBeLessThan(5_000);
        Code("recordsWithBadKind").ShouldBe(InvalidArgument, Describe("recordsWithBadKind"));
        Details("recordsWithBadKind").ShouldStartWith("kinds: ");
        Code("mapPointsWithoutBox").ShouldBe(InvalidArgument, Describe("mapPointsWithoutBox"));
        Details("mapPointsWithoutBox").ShouldStartWith("box: ");
        Code("mapPlaces").ShouldBe(Ok, Describe("mapPlaces"));
        Reply("mapPlaces").GetProperty("places").EnumerateArray().Select(place => place.GetProperty("visits").GetString()).ShouldBe(["2", "1"], Describe("mapPlaces"));
        Code("dailyPlays").ShouldBe(Ok, Describe("dailyPlays"));
        Reply("dailyPlays").GetProperty("days").EnumerateArray().Sum(day => day.GetProperty("value").GetDouble()).ShouldBe(Plays, Describe("dailyPlays"));
        Code("ownExport").ShouldBe(Ok, Describe("ownExport"));
        Reply("ownExport").GetProperty("exportId").GetString().ShouldBe(memberExport.ToString());
        Code("othersExport").ShouldBe(NotFound, Describe("othersExport"));
        Code("eraseOtherMember").ShouldBe(InvalidArgument, Describe("eraseOtherMember"));
        Details("eraseOtherMember").ShouldStartWith("confirm: ");

        Code("auditTrail").ShouldBe(Ok, Describe("auditTrail"));
        Messages("auditTrail").Select(entry => entry.GetProperty("action").GetString()).ShouldContain("audit.read", Describe("auditTrail"));
        Messages("auditTrail").ShouldAllBe(entry => entry.GetProperty("subject").GetString() == scenario.Member.Name
            || entry.GetProperty("actor").GetString() == scenario.Member.Name);
    }
}
