using System.Net;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary>The real silo process, reached the way operators and tools reach it: REST gateway, Orleans client gateway, dashboard, /metrics.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloProcessTests(SiloProcessFixture silo)
{
    /// <summary>Orleans registers grain classes under their full CLR name in its management statistics.</summary>
    private const string UserGrainType = "Datapunk.Grains.UserGrain";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ReadinessProbeAnswers200()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Gateway, "health/ready"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, silo.OutputTail);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ACreatedUserCanBeReadBack()
    {
        using var gateway = silo.AdminClient();
        var userName = SiloTestNames.NewUserName();

        var created = await gateway.CreateUserAsync(new NewUser(userName, "Round Trip", "round.trip@example.org"), Cancellation);
        var read = await gateway.GetUserAsync(userName, Cancellation);

        created.User.ShouldBe(userName);
        created.Token.ShouldStartWith("dpat_");
        read.UserName.ShouldBe(userName);
        read.DisplayName.ShouldBe("Round Trip");
        read.Email.ShouldBe("round.trip@example.org");
        read.Role.ShouldBe("member");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ClusterStatusListsTheSiloAsActiveWithTheUserGrainsActivations()
    {
        using var gateway = silo.AdminClient();
        await gateway.CreateUserAsync(new NewUser(SiloTestNames.NewUserName(), "Cluster Test"), Cancellation);

        var status = await Poll.UntilAsync(
            gateway.GetClusterStatusAsync,
            s => ThisSilo(s) is { IsActive: true } && s.Activations.Any(IsUserGrain),
            $"/api/cluster to list {silo.SiloEndpoint} as active and count activations of {UserGrainType}",
            Describe,
            Deadlines.Default,
            Cancellation);

        status.ClusterId.ShouldBe(silo.ClusterId);
        status.ServiceId.ShouldBe(silo.ClusterId);
        status.ReportedBy.ShouldStartWith(silo.SiloEndpoint + "@");
        var self = ThisSilo(status).ShouldNotBeNull();
        self.GatewayPort.ShouldBe(silo.OrleansGatewayPort);
        self.UptimeSeconds.ShouldNotBeNull().ShouldBeGreaterThan(0);
        self.Activations.ShouldNotBeNull().ShouldBeGreaterThan(0);
        var users = status.Activations.First(IsUserGrain);
        users.Activations.ShouldBeGreaterThan(0);
        users.BySilo.Keys.ShouldContain(self.Address);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GatewayErrorsBecomeApiExceptionsWithTheProblemDetails()
    {
        using var gateway = silo.AdminClient();

        var notFound = await Should.ThrowAsync<DatapunkApiException>(() => gateway.GetUserAsync("nobody-" + SiloTestNames.NewUserName(), Cancellation));
        var invalid = await Should.ThrowAsync<DatapunkApiException>(() => gateway.CreateUserAsync(new NewUser("Not A Valid Name!", "x"), Cancellation));

        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notFound.Problem.ShouldContain("does not exist");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Problem.ShouldContain("userName: ");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ClusterClientFoundThroughTheGatewayCallsGrainsOverTheOrleansClientGateway()
    {
        using var gateway = silo.AdminClient();
        var userName = SiloTestNames.NewUserName();
        await gateway.CreateUserAsync(new NewUser(userName, "Transport Test"), Cancellation);

        using var host = await DatapunkClusterClient.ConnectAsync(gateway, TimeSpan.FromSeconds(10), Cancellation);
        var grain = host.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userName);
        // An Orleans client is inside the cluster's trust boundary (transport security guards it), yet
        // it must still say whom it acts for: without a caller the user's grain refuses the call.
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(grain.GetProfileAsync);
        CallerContext.Set(userName, AccountRoles.Member);
        var profile = await grain.GetProfileAsync();
        CallerContext.Clear();

        profile.ShouldNotBeNull().DisplayName.ShouldBe("Transport Test");
        await host.StopAsync(Cancellation);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DashboardPageIsServedAsHtml()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Gateway, "dashboard/"), Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/html");
        html.ShouldStartWith("<!DOCTYPE html>", Case.Insensitive);
        html.ShouldContain("index.min.js", customMessage: "the page loads the dashboard's script relative to /dashboard/");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DashboardWithoutTheTrailingSlashRedirectsToIt()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", silo.AdminToken);

        using var response = await http.GetAsync(new Uri(silo.Gateway, "dashboard"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        response.Headers.Location.ShouldNotBeNull().OriginalString.ShouldBe("/dashboard/");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task DashboardCountersListTheSiloAsActive()
    {
        var counters = new Uri(silo.Gateway, "dashboard/DashboardCounters");

        var hosts = await Poll.UntilAsync(
            async token => DashboardHosts(await silo.Http.GetStringAsync(counters, token)),
            h => h.Any(host => host.Address.StartsWith(silo.SiloEndpoint + "@", StringComparison.Ordinal) && host.Status == "Active"),
            $"{counters} to list {silo.SiloEndpoint} with status Active",
            h => h is null ? "nothing" : string.Join(", ", h.Select(host => $"{host.Address} {host.Status}")),
            Deadlines.Default,
            Cancellation);

        hosts.ShouldNotBeEmpty();
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task MetricsExportOrleansMetersInPrometheusText()
    {
        using var gateway = silo.AdminClient();
        await gateway.CreateUserAsync(new NewUser(SiloTestNames.NewUserName(), "Metrics Test"), Cancellation);
        var metrics = new Uri(silo.Gateway, "metrics");

        var text = await Poll.UntilAsync(
            token => silo.Http.GetStringAsync(metrics, token),
            t => t.Contains("\norleans_catalog_activations{", StringComparison.Ordinal) && t.Contains("grain_type=\"user\"", StringComparison.Ordinal),
            $"{metrics} to export orleans_catalog_activations with a series for grain type \"user\"",
            t => t is null ? "nothing" : $"{t.Length} characters, {t.Split('\n').Count(line => line.StartsWith("orleans_", StringComparison.Ordinal))} orleans_ sample(s)",
            Deadlines.Default,
            Cancellation);

        text.ShouldContain("# TYPE orleans_catalog_activations gauge\n");
        text.ShouldContain("# TYPE orleans_grains gauge\n");
        text.ShouldNotContain("\r");
    }

    private ClusterSilo? ThisSilo(ClusterStatus status) =>
        status.Silos.FirstOrDefault(s => s.Address.StartsWith(silo.SiloEndpoint + "@", StringComparison.Ordinal));

    private static bool IsUserGrain(GrainTypeActivations grainType) =>
        grainType.GrainType.StartsWith(UserGrainType, StringComparison.Ordinal);

    private static string Describe(ClusterStatus? status) =>
        status is null
            ? "nothing"
            : $"silos [{string.Join(", ", status.Silos.Select(s => $"{s.Address} {s.Status}"))}], " +
              $"activations [{string.Join(", ", status.Activations.Select(a => $"{a.GrainType}: {a.Activations}"))}]";

    private static List<(string Address, string Status)> DashboardHosts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("hosts").EnumerateArray()
            .Select(host => (host.GetProperty("siloAddress").GetString() ?? "", host.GetProperty("status").GetString() ?? ""))];
    }
}
