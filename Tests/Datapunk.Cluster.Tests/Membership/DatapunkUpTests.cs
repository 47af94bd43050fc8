using System.Text.Json;
using Datapunk.Grains;

namespace Datapunk.Cluster.Tests.Membership;

/// <summary>
/// The README's command for a local cluster, <c>./datapunk up --detach --silos 3</c>, forms one Orleans
/// cluster on PostgreSQL: three active rows in the membership table, all of them listed by
/// <c>./datapunk status</c>, and <c>./datapunk down</c> takes them out of the cluster again.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class DatapunkUpTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private const string ClusterId = "datapunk-local";
    private static readonly int[] SiloPorts = [11111, 11112, 11113];

    [Fact]
    public async Task Up_with_three_silos_forms_one_cluster_and_down_takes_it_out()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = new Dictionary<string, string> { ["DATAPUNK_POSTGRES"] = TestDatabase.ConnectionString };
        var startedAt = await processes.Database.NowAsync(cancellationToken);
        try
        {
            var up = await ScriptProcess.RunAsync(["up", "--detach", "--silos", "3", "--no-build"], environment, TimeSpan.FromMinutes(3), cancellationToken);
            output.WriteLine(up.ToString());
            up.ExitCode.ShouldBe(0, $"./datapunk up --detach --silos 3 failed: {up}");
            up.Output.ShouldContain("Datapunk is up: 3 silo(s)");

            var active = await ActiveSilosAsync(startedAt, cancellationToken);
            active.Order().ToArray().ShouldBe(SiloPorts, $"three active rows in orleans.membership for {ClusterId}, one per silo port");

            var status = await ScriptProcess.RunAsync(["status", "--json"], environment, TimeSpan.FromMinutes(1), cancellationToken);
            status.ExitCode.ShouldBe(0, status.ToString());
            var cluster = JsonSerializer.Deserialize<ClusterStatus>(status.Output, JsonSerializerOptions.Web)!;
            cluster.ClusterId.ShouldBe(ClusterId);
            cluster.Silos.Count(silo => silo.IsActive).ShouldBe(3, $"./datapunk status --json should list three active silos: {status.Output}");
        }
        finally
        {
            var down = await ScriptProcess.RunAsync(["down"], environment, TimeSpan.FromMinutes(1), CancellationToken.None);
            output.WriteLine(down.ToString());
        }

        (await ActiveSilosAsync(startedAt, cancellationToken)).ShouldBeEmpty("after ./datapunk down no silo of the cluster is active");
        await processes.Database.DeleteClusterAsync(ClusterId, cancellationToken);
    }

    /// <summary>Ports of the silos of <see cref="ClusterId"/> started since <paramref name="since"/> that are active.</summary>
    private Task<List<int>> ActiveSilosAsync(DateTime since, CancellationToken cancellationToken) =>
        processes.Database.QueryAsync(
            "SELECT port FROM orleans.membership WHERE deployment_id = @cluster AND status = 3 AND start_time >= @since",
            new Dictionary<string, object> { ["cluster"] = ClusterId, ["since"] = since },
            reader => reader.GetInt32(0),
            cancellationToken);
}
