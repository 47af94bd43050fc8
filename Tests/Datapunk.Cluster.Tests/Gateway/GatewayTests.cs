using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Grains;

namespace Datapunk.Cluster.Tests.Gateway;

/// <summary>
/// Two real Datapunk silos (Datapunk.Silo.dll, gateway included) share one cluster: a user created
/// through one gateway is read through the other, and the API's error answers hold.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class GatewayTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_user_created_through_one_silos_gateway_is_read_through_the_other()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var startup = Stopwatch.StartNew();
        await using var cluster = processes.CreateCluster("gateway");
        var silos = await Task.WhenAll(cluster.StartDatapunkSiloAsync(cancellationToken), cluster.StartDatapunkSiloAsync(cancellationToken));
        using var first = GatewayClient(silos[0]);
        using var second = GatewayClient(silos[1]);
        await Task.WhenAll(
            silos[0].WaitUntilReadyAsync(first, ReadyTimeout, cancellationToken), silos[1].WaitUntilReadyAsync(second, ReadyTimeout, cancellationToken));
        output.WriteLine($"Two silos ready in {startup.Elapsed.TotalSeconds:0.0} s.");
        // The silos share the cluster's state folder: the owner's token from one works on both.
        Authorize(first, silos[0].AdminToken);
        Authorize(second, silos[1].AdminToken);

        var userName = $"u-{Guid.NewGuid():N}"[..20];
        using var created = await first.PostAsJsonAsync(
            "/api/v1/users", new { userName, displayName = "Cluster Test", email = (string?)null }, cancellationToken);
        var createdBody = await created.Content.ReadAsStringAsync(cancellationToken);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, $"POST /api/v1/users on {silos[0].Name} answered: {createdBody}");

        using var fetched = await second.GetAsync($"/api/v1/users/{userName}", cancellationToken);
        var fetchedBody = await fetched.Content.ReadAsStringAsync(cancellationToken);
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET /api/v1/users/{userName} on the other silo answered: {fetchedBody}");
        var profile = JsonSerializer.Deserialize<UserProfile>(fetchedBody, JsonSerializerOptions.Web)!;
        profile.UserName.ShouldBe(userName, $"the profile read through the second gateway ({fetchedBody}) is the one created through the first ({createdBody})");
        profile.DisplayName.ShouldBe("Cluster Test");
        profile.Email.ShouldBeNull();

        using var unknown = await second.GetAsync($"/api/v1/users/u-{Guid.NewGuid():N}"[..28], cancellationToken);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, await unknown.Content.ReadAsStringAsync(cancellationToken));

        using var invalid = await first.PostAsJsonAsync(
            "/api/v1/users", new { userName = "Not A Valid Name!", displayName = "Someone", email = (string?)null }, cancellationToken);
        var invalidBody = await invalid.Content.ReadAsStringAsync(cancellationToken);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest, invalidBody);
        using var problem = JsonDocument.Parse(invalidBody);
        problem.RootElement.TryGetProperty("errors", out var errors).ShouldBeTrue($"a validation problem lists its errors: {invalidBody}");
        errors.TryGetProperty("userName", out var userNameErrors).ShouldBeTrue($"the errors should name the userName field: {invalidBody}");
        userNameErrors[0].GetString()!.ShouldContain("Not A Valid Name!");
    }

    private static void Authorize(HttpClient http, string token) =>
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

    private static HttpClient GatewayClient(SiloProcess silo) =>
        new() { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
}
