using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary><c>datapunk status</c> (the built CLI as a process) against the real silo.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CliStatusTests(SiloProcessFixture silo)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string GatewayArgument => $"http://127.0.0.1:{silo.GatewayPort}";

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StatusPrintsTheMembershipTableAndActivationsPerGrainType()
    {
        var result = await CliProcess.RunAsync(["status", "--gateway", GatewayArgument], Deadlines.Cli, Cancellation, silo.CredentialsFile);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"Cluster {silo.ClusterId}, service {silo.ClusterId}", customMessage: result.ToString());
        result.Output.ShouldContain("1 active silo(s)", customMessage: result.ToString());
        // The heading names the answering silo too; the row is the one below the SILO header.
        var siloRow = result.Output.Split('\n').SkipWhile(line => !line.StartsWith("SILO ", StringComparison.Ordinal))
            .SingleOrDefault(line => line.Contains(silo.SiloEndpoint + "@", StringComparison.Ordinal));
        siloRow.ShouldNotBeNull($"a row for {silo.SiloEndpoint} in the silo table; got:\n{result}");
        siloRow.ShouldContain(" active ");
        result.Output.ShouldContain("GRAIN TYPE", customMessage: result.ToString());
        // The status request itself runs on Orleans' management grain, so the table is never empty.
        result.Output.ShouldContain("Orleans.Runtime.Management.ManagementGrain", customMessage: result.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StatusAsJsonPrintsTheClusterStatus()
    {
        var result = await CliProcess.RunAsync(["status", "--json", "--gateway", GatewayArgument], Deadlines.Cli, Cancellation, silo.CredentialsFile);

        result.ExitCode.ShouldBe(0, result.ToString());
        var status = JsonSerializer.Deserialize<ClusterStatus>(result.Output, Json).ShouldNotBeNull(result.ToString());
        status.ClusterId.ShouldBe(silo.ClusterId);
        status.ServiceId.ShouldBe(silo.ClusterId);
        status.Silos.ShouldContain(s => s.Address.StartsWith(silo.SiloEndpoint + "@", StringComparison.Ordinal) && s.IsActive, result.ToString());
        status.Activations.ShouldNotBeEmpty(result.ToString());
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StatusAgainstNoGatewayFailsWithExitCode2AndOneLine()
    {
        var result = await CliProcess.RunAsync(["status", "--gateway", $"http://127.0.0.1:{FreePort.Next()}"], Deadlines.Cli, Cancellation, silo.CredentialsFile);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.Trim().ShouldStartWith("datapunk: cannot reach the gateway at ", customMessage: result.ToString());
        result.Error.Trim().ShouldNotContain("\n", customMessage: result.ToString());
    }
}
