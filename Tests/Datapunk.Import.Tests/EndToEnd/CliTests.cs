using System.Text.Json;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary><c>datapunk import</c> and <c>datapunk imports</c> as a user runs them, against the real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class CliTests(SiloFixture silo) : IDisposable
{
    private static readonly string[] ContractKinds =
    [
        "location_points", "place_visits", "activity_segments", "activity_events", "youtube_watches", "youtube_searches", "browser_visits",
        "fit_days", "photos", "calendar_events", "contacts", "emails", "keep_notes", "spotify_plays", "discord_messages",
        "spotify_saved_tracks", "spotify_playlist_items", "youtube_subscriptions", "youtube_playlist_items", "youtube_likes",
    ];

    private readonly TempFolder _temp = new();

    private string Gateway => silo.Gateway.ToString();

    [Fact]
    public async Task Import_with_wait_and_json_prints_the_report_contract_and_exits_0()
    {
        var user = ImportDatabase.NewUser("cli");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-20240101T000000Z-001.zip"),
            ("Takeout/Location History (Timeline)/Records.json", LocationHistoryWriter.Bytes((0, 3_000))),
            ("Takeout/Drive/holiday.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]));

        var result = await RunCliAsync("import", zip, "--user", user, "--wait", "--json", "--gateway", Gateway);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var report = json.RootElement;
        report.GetProperty("importId").GetGuid().ShouldNotBe(Guid.Empty);
        report.GetProperty("status").GetString().ShouldBe("Completed");
        var files = report.GetProperty("files");
        (files.GetProperty("total").GetInt64(), files.GetProperty("imported").GetInt64(), files.GetProperty("skipped").GetInt64(), files.GetProperty("failed").GetInt64())
            .ShouldBe((2, 1, 1, 0));
        report.GetProperty("records").EnumerateObject().Select(kind => kind.Name).ShouldBe(ContractKinds);
        report.GetProperty("records").GetProperty("location_points").GetInt64().ShouldBe(3_000);
        report.GetProperty("duplicates").GetInt64().ShouldBe(0);
        report.GetProperty("matched").EnumerateObject().Select(rule => (rule.Name, rule.Value.GetInt64()))
            .ShouldBe([("exact", 0L), ("cross_format", 0L), ("cross_source", 0L)], "every rule is present, zeros included");
        report.GetProperty("rejectedRecords").ValueKind.ShouldBe(JsonValueKind.Object);
        report.GetProperty("rejectedRecords").EnumerateObject().ShouldBeEmpty("only reasons that occurred are listed");
        report.GetProperty("unknownFields").GetInt64().ShouldBe(0);
        report.GetProperty("errors").GetArrayLength().ShouldBe(0);
        report.GetProperty("seconds").GetDouble().ShouldBeGreaterThan(0);
        report.GetProperty("peakMemoryBytes").GetInt64().ShouldBeGreaterThan(0);
        result.Output.Trim().Split('\n').Length.ShouldBe(1, "stdout holds just the JSON object; progress goes to stderr");
    }

    [Fact]
    public async Task Import_makes_relative_paths_absolute_and_imports_lists_the_imports()
    {
        var user = ImportDatabase.NewUser("list");
        ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 500))));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _temp.File("takeout-001.zip"));

        var imported = await RunCliAsync("import", relative, "--user", user, "--wait", "--gateway", Gateway);
        var listed = await RunCliAsync("imports", "--user", user, "--gateway", Gateway);

        imported.ExitCode.ShouldBe(0, imported.ToString());
        imported.Output.ShouldContain("Completed", customMessage: imported.ToString());
        imported.Output.ShouldContain("location_points", customMessage: imported.ToString());
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Output.ShouldContain("Completed", customMessage: listed.ToString());
        listed.Output.ShouldContain("500", customMessage: listed.ToString());
    }

    [Fact]
    public async Task An_import_of_a_missing_file_uploads_nothing_and_exits_1_naming_it()
    {
        var user = ImportDatabase.NewUser("missing");
        var missing = _temp.File("no-such-takeout.zip");

        var result = await RunCliAsync("import", missing, "--user", user, "--wait", "--json", "--gateway", Gateway);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldBeEmpty("nothing was started, so there is no report");
        result.Error.ShouldContain($"{missing} does not exist", customMessage: result.ToString());
    }

    [Fact]
    public async Task Import_against_no_gateway_exits_2()
    {
        var archive = ArchiveBuilder.Zip(_temp.File("a.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 10))));

        var result = await RunCliAsync("import", archive, "--user", "nobody", "--gateway", $"http://127.0.0.1:{FreePort.Next()}");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("cannot reach the gateway");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs the CLI as the local operator: the owner's admin token, acting for the user <c>--user</c> names.</summary>
    [Fact]
    public async Task Imports_delete_previews_with_dry_run_deletes_and_does_not_find_another_users_import()
    {
        var user = ImportDatabase.NewUser("cli-del");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-del.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 500))));
        var imported = await RunCliAsync("import", zip, "--user", user, "--wait", "--json", "--gateway", Gateway);
        imported.ExitCode.ShouldBe(0, imported.ToString());
        var importId = JsonDocument.Parse(imported.Output).RootElement.GetProperty("importId").GetString()!;

        var preview = await RunCliAsync("imports", "delete", importId, "--user", user, "--dry-run", "--json", "--gateway", Gateway);
        preview.ExitCode.ShouldBe(0, preview.ToString());
        using (var json = JsonDocument.Parse(preview.Output))
        {
            json.RootElement.GetProperty("deleted").GetBoolean().ShouldBeFalse();
            json.RootElement.GetProperty("records").GetProperty("location_points").GetInt64().ShouldBe(500);
        }

        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(500, "a dry run changes nothing");
        var other = ImportDatabase.NewUser("cli-del-x");
        (await silo.NewMemberAsync(other)).Dispose();
        var stranger = await RunCliAsync("imports", "delete", importId, "--user", other, "--gateway", Gateway);
        stranger.ExitCode.ShouldBe(1, stranger.ToString());
        stranger.Error.ShouldContain("No such import");

        var deleted = await RunCliAsync("imports", "delete", importId, "--user", user, "--gateway", Gateway);
        deleted.ExitCode.ShouldBe(0, deleted.ToString());
        deleted.Output.ShouldContain($"Deleted what was stored from import {importId}");
        deleted.Output.ShouldContain("location_points");
        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(0);
    }

    private Task<CliResult> RunCliAsync(params string[] arguments) =>
        CliProcess.RunAsync(arguments, Deadlines.Cli, TestContext.Current.CancellationToken, silo.CredentialsFile);
}
