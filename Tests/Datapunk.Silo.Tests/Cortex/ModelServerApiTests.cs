using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Cortex;

/// <summary>
/// A real silo whose model server is a local one speaking the chat-completions protocol: the caller's masking
/// choice per server (<c>/api/v1/me/model-servers</c>) and questions turned into SQL (<c>/api/v1/sql/from-question</c>).
/// </summary>
public sealed class ModelServerApiTests(ModelServerApiTests.ModelSilo silo) : IClassFixture<ModelServerApiTests.ModelSilo>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_user_turns_masking_off_for_the_configured_server_and_only_for_themselves()
    {
        using var alice = await silo.NewUserAsync("mask-a");
        using var bob = await silo.NewUserAsync("mask-b");

        var servers = await alice.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", Cancel);
        var server = servers!["servers"]!.AsArray().ShouldHaveSingleItem()!;
        server["endpoint"]!.GetValue<string>().ShouldBe(silo.Chat.Endpoint.AbsoluteUri);
        server["model"]!.GetValue<string>().ShouldBe("local-model");
        server["maskPii"]!.GetValue<bool>().ShouldBeTrue();

        using var off = await alice.PutAsJsonAsync("api/v1/me/model-servers/masking", new { endpoint = silo.Chat.Endpoint.AbsoluteUri, maskPii = false }, Cancel);
        off.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alice.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", Cancel))!["servers"]![0]!["maskPii"]!.GetValue<bool>().ShouldBeFalse();
        (await bob.GetFromJsonAsync<JsonObject>("api/v1/me/model-servers", Cancel))!["servers"]![0]!["maskPii"]!.GetValue<bool>().ShouldBeTrue();

        using var elsewhere = await alice.PutAsJsonAsync("api/v1/me/model-servers/masking", new { endpoint = "https://models.example.net/v1", maskPii = false }, Cancel);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await elsewhere.Content.ReadAsStringAsync(Cancel)).ShouldContain("is not the configured model server");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_question_becomes_a_query_over_the_views_that_then_runs_and_a_model_without_one_is_a_422()
    {
        using var user = await silo.NewUserAsync("ask-sql");
        silo.Chat.Enqueue(ScriptedChatServer.Text("""
            ```sql
            SELECT count(*) AS notes FROM notes WHERE body LIKE '%«email-1»%';
            ```
            How many of your notes mention «email-1».
            """));
        silo.Chat.Enqueue(ScriptedChatServer.Text("Your views hold no heart rate."));
        var before = silo.Chat.Requests.Count;

        using var written = await user.PostAsJsonAsync("api/v1/sql/from-question", new { question = "How many notes mention bob@example.org?" }, Cancel);
        var body = await written.Content.ReadAsStringAsync(Cancel);
        written.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var query = JsonNode.Parse(body)!;
        query["sql"]!.GetValue<string>().ShouldBe("SELECT count(*) AS notes FROM notes WHERE body LIKE '%bob@example.org%'");
        query["explanation"]!.GetValue<string>().ShouldBe("How many of your notes mention bob@example.org.");

        var sent = silo.Chat.Requests[before].Body.ToJsonString();
        sent.ShouldNotContain("bob@example.org");
        sent.ShouldContain("notes(");
        sent.ShouldContain("fixes(");
        sent.ShouldNotContain("bindings", customMessage: "only the views a query may read are described");

        using var ran = await user.PostAsJsonAsync("api/v1/sql", new { sql = query["sql"]!.GetValue<string>() }, Cancel);
        ran.StatusCode.ShouldBe(HttpStatusCode.OK, await ran.Content.ReadAsStringAsync(Cancel));
        (await ran.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["rows"]![0]![0]!.GetValue<long>().ShouldBe(0);

        using var refused = await user.PostAsJsonAsync("api/v1/sql/from-question", new { question = "What was my resting heart rate?" }, Cancel);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync(Cancel)).ShouldContain("Your views hold no heart rate.");
    }

    /// <summary>The scripted model server and a silo configured to use it.</summary>
    public sealed class ModelSilo : IAsyncLifetime
    {
        private SiloProcess? _silo;

        public string ClusterId { get; } = $"model-tests-{Guid.NewGuid():N}"[..24];

        public ScriptedChatServer Chat { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Chat = await ScriptedChatServer.StartAsync();
            var settings = new Dictionary<string, string> { ["Cortex__Chat__Endpoint"] = Chat.Endpoint.AbsoluteUri, ["Cortex__Chat__Model"] = "local-model" };
            _silo = await DatapunkSilo.StartReadyAsync(TestDatabase.ConnectionStringForSilo(maxPoolSize: 5), ClusterId, Deadlines.SiloStart, CancellationToken.None, settings);
        }

        /// <summary>A new user and an HTTP client holding their token.</summary>
        public async Task<HttpClient> NewUserAsync(string prefix)
        {
            using var admin = new DatapunkGatewayClient(_silo!.Gateway, _silo.AdminToken);
            var created = await admin.CreateUserAsync(new NewUser($"{prefix}-{Guid.NewGuid():N}"[..20]), Cancel);
            return new HttpClient { BaseAddress = _silo.Gateway, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", created.Token) } };
        }

        public async ValueTask DisposeAsync()
        {
            if (_silo is not null)
            {
                await _silo.DisposeAsync();
            }

            await Chat.DisposeAsync();
            await using var database = new TestDatabase("datapunk-silo-tests", maxPoolSize: 1);
            await database.DeleteClusterAsync(ClusterId, CancellationToken.None);
        }
    }
}
