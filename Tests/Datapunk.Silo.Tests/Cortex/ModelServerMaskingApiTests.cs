using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Cortex;

/// <summary>
/// <c>/api/v1/me/model-servers</c> on a real silo with a chat server configured: masked by default,
/// the caller's choice kept per user, and only the configured server can be named.
/// </summary>
public sealed class ModelServerMaskingApiTests
{
    private const string Endpoint = "http://127.0.0.1:9/v1";

    [Fact(Timeout = 120_000)]
    public async Task A_user_turns_masking_off_for_the_configured_server_and_only_for_themselves()
    {
        var cancel = TestContext.Current.CancellationToken;
        var clusterId = $"masking-tests-{Guid.NewGuid():N}"[..24];
        var settings = new Dictionary<string, string> { ["Cortex__Chat__Endpoint"] = Endpoint, ["Cortex__Chat__Model"] = "local-model" };
        await using var silo = await DatapunkSilo.StartReadyAsync(
            TestDatabase.ConnectionStringForSilo(maxPoolSize: 5), clusterId, Deadlines.SiloStart, cancel, settings);
        try
        {
            using var admin = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken);
            var alice = await admin.CreateUserAsync(new NewUser($"mask-a-{Guid.NewGuid():N}"[..20]), cancel);
            var bob = await admin.CreateUserAsync(new NewUser($"mask-b-{Guid.NewGuid():N}"[..20]), cancel);
            using var asAlice = Http(silo.Gateway, alice.Token);
            using var asBob = Http(silo.Gateway, bob.Token);

            var servers = await asAlice.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", cancel);
            var server = servers!["servers"]!.AsArray().ShouldHaveSingleItem()!;
            server["endpoint"]!.GetValue<string>().ShouldBe(Endpoint);
            server["model"]!.GetValue<string>().ShouldBe("local-model");
            server["maskPii"]!.GetValue<bool>().ShouldBeTrue();

            using var off = await asAlice.PutAsJsonAsync("api/v1/me/model-servers/masking", new { endpoint = Endpoint, maskPii = false }, cancel);
            off.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await asAlice.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", cancel))!["servers"]![0]!["maskPii"]!.GetValue<bool>().ShouldBeFalse();
            (await asBob.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", cancel))!["servers"]![0]!["maskPii"]!.GetValue<bool>().ShouldBeTrue();

            using var elsewhere = await asAlice.PutAsJsonAsync("api/v1/me/model-servers/masking", new { endpoint = "https://models.example.net/v1", maskPii = false }, cancel);
            elsewhere.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await elsewhere.Content.ReadAsStringAsync(cancel)).ShouldContain("is not the configured model server");
        }
        finally
        {
            await using var database = new TestDatabase("datapunk-silo-tests", maxPoolSize: 1);
            await database.DeleteClusterAsync(clusterId, CancellationToken.None);
        }
    }

    private static HttpClient Http(Uri gateway, string token) => new()
    {
        BaseAddress = gateway,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}
