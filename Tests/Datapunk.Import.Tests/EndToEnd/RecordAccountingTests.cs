using System.Text;
using System.Text.Json;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>
/// Every record read is accounted for: stored, matched with one already stored, or rejected with a
/// reason. Imports Records.json files seeded with bad fixes through the CLI and checks the report,
/// its text summary and the per-file report.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RecordAccountingTests(SiloFixture silo) : IDisposable
{
    private const string RecordsPath = "Takeout/Location History (Timeline)/Records.json";
    private const string Good = """{"latitudeE7":473000000,"longitudeE7":85000000,"timestamp":"2019-05-03T10:{MM}:00.123Z","accuracy":10}""";
    private const string InFuture = """{"latitudeE7":473000000,"longitudeE7":85000000,"timestamp":"2999-05-03T10:{MM}:00.123Z","accuracy":10}""";
    private const string Before1970 = """{"latitudeE7":473000000,"longitudeE7":85000000,"timestamp":"1960-05-03T10:{MM}:00.123Z","accuracy":10}""";
    private const string OffTheMap = """{"latitudeE7":1000000000,"longitudeE7":85000000,"timestamp":"2019-05-03T11:{MM}:00.123Z","accuracy":10}""";
    private const string WithoutTime = """{"latitudeE7":473000000,"longitudeE7":85000000,"accuracy":1{MM}}""";
    private const string NotAnObject = "\"fix {MM}\"";

    private readonly TempFolder _temp = new();

    private string Gateway => silo.Gateway.ToString();

    [Fact]
    public async Task Fixes_out_of_time_are_rejected_by_reason_in_the_json_report_the_text_summary_and_the_file_report()
    {
        // Records 2 and 7 are in the year 2999, records 4, 6 and 9 in 1960; the other six are good and distinct.
        var zip = Zip("out-of-time", Good, InFuture, Good, Before1970, Good, Before1970, InFuture, Good, Before1970, Good, Good);
        var jsonUser = ImportDatabase.NewUser("rejectjson");
        var textUser = ImportDatabase.NewUser("rejecttext");

        var json = await RunCliAsync("import", zip, "--user", jsonUser, "--wait", "--json", "--gateway", Gateway);
        var text = await RunCliAsync("import", zip, "--user", textUser, "--wait", "--gateway", Gateway);

        json.ExitCode.ShouldBe(0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var report = document.RootElement;
        report.GetProperty("records").GetProperty("location_points").GetInt64().ShouldBe(6);
        report.GetProperty("duplicates").GetInt64().ShouldBe(0);
        Counts(report.GetProperty("rejectedRecords")).ShouldBe(
            new Dictionary<string, long> { ["time_in_future"] = 2, ["time_before_1970"] = 3 }, "the reasons in the order of RejectReason, only those that occurred");
        Counts(report.GetProperty("matched")).ShouldBe(new Dictionary<string, long> { ["exact"] = 0, ["cross_format"] = 0, ["cross_source"] = 0 });
        report.EnumerateObject().Select(property => property.Name).SkipWhile(name => name != "records").Take(4)
            .ShouldBe(["records", "duplicates", "matched", "rejectedRecords"], "the new objects stand beside records and duplicates");

        text.ExitCode.ShouldBe(0, text.ToString());
        text.Output.ShouldContain(
            "5 records rejected: 2 with a time in the future, 3 with a time before 1970 (examples per file: GET /api/v1/imports/",
            customMessage: text.ToString());
        text.Output.ShouldNotContain("matched", customMessage: "nothing matched a stored record, so the summary does not say it did\n" + text);

        var file = (await FilesAsync(jsonUser, report.GetProperty("importId").GetGuid())).ShouldHaveSingleItem();
        file.Status.ShouldBe("imported");
        (file.RecordsRead, file.RecordsStored).ShouldBe((11, 6));
        file.RejectedRecords.ShouldBe(new Dictionary<string, long> { ["time_in_future"] = 2, ["time_before_1970"] = 3 });
        file.RecordsRead.ShouldBe(file.RecordsStored + file.Matched.Values.Sum() + file.RejectedRecords.Values.Sum(), "read = stored + matched + rejected");
        file.RejectedExamples.Select(Position).ShouldBe(
            ["time_in_future: record 2", "time_before_1970: record 4", "time_before_1970: record 6", "time_in_future: record 7", "time_before_1970: record 9"],
            $"each rejection is an example (at most 3 per reason), saying where it was; came {string.Join(" | ", file.RejectedExamples)}");
        file.RejectedExamples.ShouldAllBe(example => example.EndsWith($" of {RecordsPath}"));
    }

    [Fact]
    public async Task Importing_a_file_with_rejections_again_reports_its_stored_records_as_exact_matches()
    {
        var user = ImportDatabase.NewUser("rejectagain");
        var zip = Zip("again", Good, InFuture, Good, Before1970, Good);
        using var client = await silo.NewClientAsync(user);
        var first = await ImportRunner.ImportAsync(silo, user, zip);

        var again = await RunCliAsync("import", zip, "--user", user, "--wait", "--gateway", Gateway);

        first.RejectedRecords.ShouldBe(new Dictionary<string, long> { ["time_in_future"] = 1, ["time_before_1970"] = 1 });
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("3 records matched ones already stored: 3 exact", customMessage: again.ToString());
        again.Output.ShouldNotContain("rejected:", customMessage: "an unchanged file is not read again, so nothing in it is rejected again\n" + again);
        var report = await client.GetImportAsync((await client.ListImportsAsync(TestContext.Current.CancellationToken))[0].ImportId, TestContext.Current.CancellationToken);
        report.Matched.ShouldBe(new Dictionary<string, long> { ["exact"] = 3, ["cross_format"] = 0, ["cross_source"] = 0 });
        report.RejectedRecords.ShouldBeEmpty();
        var file = (await FilesAsync(user, report.ImportId)).ShouldHaveSingleItem();
        (file.Status, file.RecordsRead, file.RecordsStored).ShouldBe(("unchanged", 3, 0));
        file.Matched["exact"].ShouldBe(3);
    }

    /// <summary>
    /// Fixes the Location readers themselves refuse: until they reject them with a reason (the readers'
    /// branch), they are dropped with a warning and counted nowhere, so this test is skipped.
    /// </summary>
    [Fact]
    public async Task Fixes_the_reader_refuses_are_rejected_by_reason()
    {
        var user = ImportDatabase.NewUser("rejectreader");
        var zip = Zip("reader", Good, WithoutTime, Good, OffTheMap, NotAnObject, Good);

        var json = await RunCliAsync("import", zip, "--user", user, "--wait", "--json", "--gateway", Gateway);

        json.ExitCode.ShouldBe(0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var report = document.RootElement;
        report.GetProperty("records").GetProperty("location_points").GetInt64().ShouldBe(3);
        Counts(report.GetProperty("rejectedRecords")).ShouldBe(
            new Dictionary<string, long> { ["missing_time"] = 1, ["coordinates_out_of_range"] = 1, ["unparseable"] = 1 });
        var file = (await FilesAsync(user, report.GetProperty("importId").GetGuid())).ShouldHaveSingleItem();
        (file.RecordsRead, file.RecordsStored).ShouldBe((6, 3));
        file.RecordsRead.ShouldBe(file.RecordsStored + file.Matched.Values.Sum() + file.RejectedRecords.Values.Sum(), "read = stored + matched + rejected");
        file.RejectedExamples.Count.ShouldBe(3);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A zip holding one Records.json with the given fixes; <c>{MM}</c> in each is its index, so no two are the same.</summary>
    private string Zip(string name, params string[] fixes)
    {
        var locations = fixes.Select((fix, index) => fix.Replace("{MM}", index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var content = Encoding.UTF8.GetBytes($$"""{"locations":[{{string.Join(",\n", locations)}}]}""");
        return ArchiveBuilder.Zip(_temp.File($"{name}/takeout-001.zip"), (RecordsPath, content));
    }

    private async Task<IReadOnlyList<ImportFileReport>> FilesAsync(string user, Guid importId)
    {
        using var client = await silo.NewClientAsync(user);
        return await client.GetImportFilesAsync(importId, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, long> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetInt64());

    /// <summary>"time_in_future: the fix at …, record 2 of Takeout/…" → "time_in_future: record 2".</summary>
    private static string Position(string example) =>
        $"{example[..example.IndexOf(':', StringComparison.Ordinal)]}: {example[example.LastIndexOf("record ", StringComparison.Ordinal)..example.LastIndexOf(" of ", StringComparison.Ordinal)]}";

    /// <summary>Runs the CLI as the local operator: the owner's admin token, acting for the user <c>--user</c> names.</summary>
    private Task<CliResult> RunCliAsync(params string[] arguments) =>
        CliProcess.RunAsync(arguments, Deadlines.Cli, TestContext.Current.CancellationToken, silo.CredentialsFile);
}
