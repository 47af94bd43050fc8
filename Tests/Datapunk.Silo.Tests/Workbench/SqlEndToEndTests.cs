using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// The SQL workbench through a real silo: <c>datapunk sql … --json</c> prints exactly the contract's object (or
/// <c>{"error": …}</c> with exit code 1), the table form says how many rows came, and the REST routes answer their
/// documented shapes (results, PostgreSQL's error with its position, the plan, history, saved queries), audited,
/// unmasking audited apart.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SqlEndToEndTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task The_cli_prints_exactly_the_contracts_json_and_exit_codes()
    {
        var (user, person, other) = await TwoUsersAsync();

        var notes = await Cli("sql", "SELECT title, occurred_at, 1.5::float8 AS x, NULL AS nothing, true AS yes FROM notes;", "--user", user, "--json");
        notes.ExitCode.ShouldBe(0, notes.ToString());
        notes.Output.ShouldBe(
            $"{{\"columns\":[\"title\",\"occurred_at\",\"x\",\"nothing\",\"yes\"],\"rows\":[[\"Note {person.Marker}\",\"2024-05-03T09:00:00Z\",1.5,null,true]]}}\n");
        notes.Output.ShouldNotContain(other.Marker);

        var failed = await Cli("sql", "SELECT nosuch FROM notes", "--user", user, "--json");
        failed.ExitCode.ShouldBe(1, failed.ToString());
        failed.Output.ShouldBe("{\"error\":\"The query failed: column \\\"nosuch\\\" does not exist\"}\n");

        var refused = await Cli("sql", "SELECT 1; SET ROLE datapunk_app", "--user", user, "--json");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Output.ShouldBe("{\"error\":\"The query failed: cannot insert multiple commands into a prepared statement\"}\n");

        var table = await Cli("sql", "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 3) AS g", "--user", user, "--limit", "2");
        table.ExitCode.ShouldBe(0, table.ToString());
        table.Output.ShouldBe("n  label\n1  row 1\n2  row 2\n2 rows, cut at the limit: the query has more (--limit raises it, up to 10,000).\n");
    }

    [Fact(Timeout = 180_000)]
    public async Task The_rest_routes_answer_their_shapes_and_audit_every_read()
    {
        var (user, person, other) = await TwoUsersAsync();
        using var http = new HttpClient { BaseAddress = silo.Gateway };
        http.DefaultRequestHeaders.Authorization = new("Bearer", silo.AdminToken);
        http.DefaultRequestHeaders.Add("Datapunk-Act-As", user);
        const string Emails = "SELECT subject, sender FROM emails";

        var first = await PostAsync(http, "api/v1/sql", new { sql = Emails, unmasked = true });
        var again = await PostAsync(http, "api/v1/sql", new { sql = Emails, unmasked = true });

        first.EnumerateObject().Select(property => property.Name).ShouldBe(["columns", "rows", "truncated", "elapsedMs", "cached"]);
        first.GetProperty("columns").GetRawText().ShouldBe("[{\"name\":\"subject\",\"type\":\"text\"},{\"name\":\"sender\",\"type\":\"text\"}]");
        first.GetProperty("rows").GetRawText().ShouldBe($"[[\"Mail {person.Marker}\",\"{person.Marker}@example.org\"]]");
        first.GetProperty("truncated").GetBoolean().ShouldBeFalse();
        (first.GetProperty("cached").GetBoolean(), again.GetProperty("cached").GetBoolean()).ShouldBe((false, true));
        first.GetRawText().ShouldNotContain(other.Marker);

        using var failed = await http.PostAsJsonAsync("api/v1/sql", new { sql = "SELECT subject FROM emails WHERE nosuch" }, Cancellation);
        failed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        problem.GetProperty("detail").GetString().ShouldBe("column \"nosuch\" does not exist");
        problem.GetProperty("sqlState").GetString().ShouldBe("42703");
        problem.GetProperty("position").GetInt32().ShouldBe(34);

        var plan = await PostAsync(http, "api/v1/sql/explain", new { sql = "SELECT count(*) FROM records" });
        plan.GetProperty("plan")[0].GetProperty("Plan").GetProperty("Node Type").GetString().ShouldBe("Aggregate");

        var saved = await PostAsync(http, "api/v1/sql/saved", new { name = "my mail", sql = Emails });
        var list = await http.GetFromJsonAsync<JsonElement>("api/v1/sql/saved", Cancellation);
        list.EnumerateArray().Select(query => query.GetProperty("name").GetString()).ShouldBe(["my mail"]);
        using (var deleted = await http.DeleteAsync($"api/v1/sql/saved/{saved.GetProperty("id").GetInt64()}", Cancellation))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await http.GetFromJsonAsync<JsonElement>("api/v1/sql/saved", Cancellation)).GetArrayLength().ShouldBe(0);
        var history = await http.GetFromJsonAsync<JsonElement>("api/v1/sql/history?limit=10", Cancellation);
        history.EnumerateArray().Select(entry => entry.GetProperty("sql").GetString()).ShouldBe(
            ["SELECT subject FROM emails WHERE nosuch", Emails, Emails], "the queries run, newest first (EXPLAIN is not run)");
        history[0].GetProperty("error").GetString().ShouldBe("column \"nosuch\" does not exist");

        var trail = await http.GetFromJsonAsync<AuditTrailPage>("api/v1/privacy/audit?limit=50", JsonSerializerOptions.Web, Cancellation);
        var actions = trail!.Entries.Select(entry => entry.Action).ToList();
        actions.Count(action => action == "sql.read").ShouldBeGreaterThanOrEqualTo(5, string.Join(", ", actions));
        actions.Count(action => action == "sql.unmasked").ShouldBe(2, "each unmasked result is audited apart");
        actions.Count(action => action == "sql.change").ShouldBe(2, "saving and deleting");
    }

    private async Task<(string User, WorkbenchPerson Person, WorkbenchPerson Other)> TwoUsersAsync()
    {
        using var admin = silo.AdminClient();
        var person = await WorkbenchPerson.SeedAsync("e2e");
        var other = await WorkbenchPerson.SeedAsync("e2e");
        var user = (await admin.CreateUserAsync(new NewUser(person.UserId), Cancellation)).User;
        user.ShouldBe(person.UserId);
        return (user, person, other);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<CliResult> Cli(params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);
}
