using System.Text.Json;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Tables;

/// <summary><c>datapunk tables …</c> (the built CLI as a process) against the real silo: preview, upload, list, show and delete with <c>--json</c>, and a bad file's error.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class TablesCliTests(SiloProcessFixture silo) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Upload_list_show_and_delete_print_the_apis_json()
    {
        var user = SiloTestNames.NewUserName();
        using (var admin = silo.AdminClient())
        {
            await admin.EnsureUserAsync(user, Cancellation);
        }

        var path = await TableFiles.WriteAsync(_folder, "xlsx", Cancellation);

        var preview = await CliAsync("tables", "upload", path, "--user", user, "--preview", "--json");
        var uploaded = await CliAsync("tables", "upload", path, "--user", user, "--name", "people", "--type", "amount=numeric", "--skip", "Paid", "--json");
        var listed = await CliAsync("tables", "list", "--user", user, "--json");
        var shown = await CliAsync("tables", "show", "people", "--user", user, "--limit", "2", "--json");
        var deleted = await CliAsync("tables", "delete", "people", "--user", user, "--json");
        var afterwards = await CliAsync("tables", "list", "--user", user, "--json");

        using (var document = Parse(preview))
        {
            document.RootElement.GetProperty("sheet").GetString().ShouldBe("People");
            Columns(document.RootElement).ShouldBe("name:text, amount:double precision, paid:boolean, day:date");
        }

        using (var document = Parse(uploaded))
        {
            (document.RootElement.GetProperty("name").GetString(), document.RootElement.GetProperty("rowCount").GetInt64()).ShouldBe(("people", 3L));
            Columns(document.RootElement).ShouldBe("name:text, amount:numeric, day:date");
        }

        using (var document = Parse(listed))
        {
            document.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["people"]);
        }

        using (var document = Parse(shown))
        {
            var rows = document.RootElement.GetProperty("rows");
            rows.GetArrayLength().ShouldBe(2);
            rows[0].GetProperty("amount").GetDecimal().ShouldBe(12.5m);
            document.RootElement.GetProperty("next").GetInt64().ShouldBe(2);
        }

        using (var document = Parse(deleted))
        {
            document.RootElement.GetProperty("deleted").GetString().ShouldBe("people");
        }

        using (var document = Parse(afterwards))
        {
            document.RootElement.GetArrayLength().ShouldBe(0);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_value_exits_1_with_its_row_and_column_on_stderr()
    {
        var user = SiloTestNames.NewUserName();
        using (var admin = silo.AdminClient())
        {
            await admin.EnsureUserAsync(user, Cancellation);
        }

        var path = _folder.File("amounts.csv");
        await File.WriteAllLinesAsync(path, ["Day,Amount", "2024-03-05,12", "2024-03-06,lots"], Cancellation);

        var result = await CliAsync("tables", "upload", path, "--user", user, "--type", "amount=bigint", "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("row 2, column \"amount\" (Amount): \"lots\" is not a whole number (bigint)", customMessage: result.ToString());
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> CliAsync(params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);

    private static JsonDocument Parse(CliResult result)
    {
        result.ExitCode.ShouldBe(0, result.ToString());
        return JsonDocument.Parse(result.Output);
    }

    private static string Columns(JsonElement table) =>
        string.Join(", ", table.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("type").GetString()}"));
}
