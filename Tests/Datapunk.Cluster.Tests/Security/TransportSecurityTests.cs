using System.Net;
using System.Net.Http.Json;
using Datapunk.Grains;

namespace Datapunk.Cluster.Tests.Security;

/// <summary>
/// Silos configured with certificates of one authority (<c>Cluster__Tls__*</c>) form a cluster over
/// mutual TLS and serve each other's grains; a silo whose certificate another authority issued
/// cannot join them.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class TransportSecurityTests(ClusterProcessesFixture processes, ITestOutputHelper output) : IDisposable
{
    /// <summary>Long enough for a silo that could talk to the others to have joined several times over (about 3 s here).</summary>
    private static readonly TimeSpan RefusedJoinWindow = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Silos_of_one_authority_form_a_cluster_over_tls_and_a_stranger_cannot_join()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var authority = new TestCertificates(_folder, "datapunk-test");
        using var stranger = new TestCertificates(_folder, "someone-else");
        await using var cluster = processes.CreateCluster("tls");

        var first = await cluster.StartDatapunkSiloAsync(cancellationToken, authority.IssueSiloSettings("silo-a"));
        var second = await cluster.StartDatapunkSiloAsync(cancellationToken, authority.IssueSiloSettings("silo-b"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", first.AdminToken);
        var userName = $"u-{Guid.NewGuid():N}"[..20];
        using var created = await http.PostAsJsonAsync(
            new Uri(first.Gateway, "api/v1/users"), new NewUser(userName, "Over TLS"), cancellationToken);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(cancellationToken));
        var profile = await http.GetFromJsonAsync<UserProfile>(new Uri(second.Gateway, $"api/v1/users/{userName}"), cancellationToken);
        profile!.DisplayName.ShouldBe("Over TLS", "the user created through one silo is read through the other");

        var intruder = await cluster.StartDatapunkSiloAsync(cancellationToken, stranger.IssueSiloSettings("silo-x"), waitUntilActive: false);
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < RefusedJoinWindow && !intruder.HasExited)
        {
            var membership = await cluster.MembershipAsync(cancellationToken);
            membership.Where(row => row.Key.StartsWith($"{intruder.Address}@", StringComparison.Ordinal))
                .ShouldNotContain(row => row.Value == ClusterMembership.ActiveStatus, $"a silo with a foreign certificate joined:{Environment.NewLine}{intruder.Describe(40)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        output.WriteLine($"The stranger {(intruder.HasExited ? "gave up and exited" : "was still outside")} after {watched.Elapsed.TotalSeconds:0} s.");
        var after = await cluster.MembershipAsync(cancellationToken);
        after[first.SiloId].ShouldBe(ClusterMembership.ActiveStatus, "the trusted silos stay in the cluster");
        after[second.SiloId].ShouldBe(ClusterMembership.ActiveStatus, "the trusted silos stay in the cluster");
        (first.Describe(1000) + second.Describe(1000)).ShouldContain(
            "The remote certificate was rejected", customMessage: "the trusted silos should have refused the stranger's TLS handshakes");
    }

    public void Dispose() => _folder.Dispose();
}
