using System.Net;
using System.Text.RegularExpressions;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary>The real silo process, reached the way operators and tools reach it: HTTP gateway, /metrics, dashboard, CLI.</summary>
public sealed partial class SiloProcessTests(SiloProcessFixture silo) : IClassFixture<SiloProcessFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReadinessProbeAnswers200()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Gateway, "health/ready"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, silo.OutputTail);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task MetricsCountGrainCallsAfterAUserIsCreated()
    {
        using var gateway = new DatapunkGatewayClient(silo.Gateway);
        await gateway.CreateUserAsync(new NewUser(NewUserName(), "Metrics Test"), Cancellation);

        var metrics = await Poll.UntilAsync(
            token => silo.Http.GetStringAsync(new Uri(silo.Gateway, "metrics"), token),
            text => CreateCallCount(text) > 0,
            "/metrics to count a CreateAsync call of the user grain",
            text => text is null ? "nothing" : $"{text.Length} characters without a positive CreateAsync count",
            Deadlines.Default,
            Cancellation);

        metrics.ShouldContain("# TYPE datapunk_actors_calls_total counter\n");
        metrics.ShouldContain("datapunk_actors_call_duration_bucket{grain_type=\"user\",method=\"CreateAsync\",le=\"+Inf\"} ");
        metrics.ShouldContain("# TYPE datapunk_actors_activations gauge\n");
        metrics.ShouldNotContain("\r");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task MetricsUseThePrometheusContentTypeWithoutABom()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Gateway, "metrics"), Cancellation);
        var body = await response.Content.ReadAsByteArrayAsync(Cancellation);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        body.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM breaks Prometheus' parser");
        body[0].ShouldBe((byte)'#');
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DashboardPageIsServedAsHtml()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Gateway, "dashboard"), Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("/api/dashboard");
        html.ShouldNotContain("://cdn", Case.Insensitive, "the page must work without internet access");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DashboardApiListsTheSiloOwningAll256Partitions()
    {
        using var gateway = new DatapunkGatewayClient(silo.Gateway);

        var dashboard = await Poll.UntilAsync(
            gateway.GetDashboardAsync,
            d => d.UnownedPartitions == 0 && d.Silos.Any(s => s.Address == silo.SiloAddress && s.Status == "active"),
            $"/api/dashboard to list {silo.SiloAddress} as active and owning every partition",
            d => d is null ? "nothing" : $"{d.Silos.Count} silo(s), {d.UnownedPartitions} unowned partition(s)",
            Deadlines.Default,
            Cancellation);

        dashboard.ClusterId.ShouldBe(silo.ClusterId);
        dashboard.PartitionCount.ShouldBe(256);
        dashboard.PartitionOwners.Count.ShouldBe(256);
        var self = dashboard.Silos.Single(s => s.Address == silo.SiloAddress);
        dashboard.PartitionOwners.ShouldAllBe(owner => owner == self.SiloId);
        self.OwnedPartitions.ShouldBe(256);
        self.IsLocal.ShouldBeTrue();
        self.Reachable.ShouldBe(true);
        self.Stats.ShouldNotBeNull().SiloId.ShouldBe(self.SiloId);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task SiloStatsReportTheUserGrainsCallRateAndLatency()
    {
        using var gateway = new DatapunkGatewayClient(silo.Gateway);
        var userName = NewUserName();
        await gateway.CreateUserAsync(new NewUser(userName, "Stats Test"), Cancellation);
        await gateway.GetUserAsync(userName, Cancellation);

        var stats = await Poll.UntilAsync(
            gateway.GetSiloStatsAsync,
            s => s.GrainTypes.Any(g => g.GrainType == "user" && g.Calls >= 2),
            "/api/silo/stats to count the user grain's calls",
            s => s is null ? "nothing" : string.Join(", ", s.GrainTypes),
            Deadlines.Default,
            Cancellation);

        var user = stats.GrainTypes.Single(g => g.GrainType == "user");
        stats.Address.ShouldBe(silo.SiloAddress);
        user.Activations.ShouldBeGreaterThan(0);
        user.CallsPerSecond.ShouldBeGreaterThan(0);
        user.P50Ms.ShouldNotBeNull();
        user.P99Ms.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(user.P50Ms.Value);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GatewayErrorsBecomeApiExceptionsWithTheProblemDetails()
    {
        using var gateway = new DatapunkGatewayClient(silo.Gateway);

        var notFound = await Should.ThrowAsync<DatapunkApiException>(() => gateway.GetUserAsync("nobody-" + NewUserName(), Cancellation));
        var invalid = await Should.ThrowAsync<DatapunkApiException>(() => gateway.CreateUserAsync(new NewUser("Not A Valid Name!", "x"), Cancellation));

        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notFound.Problem.ShouldContain("does not exist");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Problem.ShouldContain("userName: ");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ClusterClientFromTheGatewayCallsGrainsOverTheSiloTransport()
    {
        using var gateway = new DatapunkGatewayClient(silo.Gateway);
        var userName = NewUserName();
        await gateway.CreateUserAsync(new NewUser(userName, "Transport Test"), Cancellation);

        await using var cluster = await DatapunkClusterClient.ConnectAsync(gateway, TimeSpan.FromSeconds(10), Cancellation);
        var profile = await cluster.GetGrain<IUserGrain>(userName).GetProfileAsync();

        profile.ShouldNotBeNull().DisplayName.ShouldBe("Transport Test");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CliStatusPrintsTheSilo()
    {
        var result = await CliProcess.RunAsync(["status", "--gateway", $"http://127.0.0.1:{silo.GatewayPort}"], Deadlines.Cli, Cancellation);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain(silo.SiloAddress, customMessage: result.ToString());
        result.Output.ShouldContain($"Cluster {silo.ClusterId}", customMessage: result.ToString());
        result.Output.ShouldContain("Partitions: 256", customMessage: result.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CliStatusAgainstNoGatewayFailsWithExitCode2AndOneLine()
    {
        var result = await CliProcess.RunAsync(["status", "--gateway", $"http://127.0.0.1:{FreePort.Next()}"], Deadlines.Cli, Cancellation);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.Trim().ShouldStartWith("datapunk: cannot reach the gateway at ", customMessage: result.ToString());
        result.Error.Trim().ShouldNotContain("\n", customMessage: result.ToString());
    }

    private static string NewUserName() => $"silo-test-{Guid.NewGuid():N}"[..24];

    private static long CreateCallCount(string metrics)
    {
        var match = CreateCallsLine().Match(metrics);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^datapunk_actors_calls_total\{grain_type="user",method="CreateAsync"\} (\d+)$""", RegexOptions.Multiline)]
    private static partial Regex CreateCallsLine();
}
