using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Tables;

/// <summary>
/// Users' own tables over REST against the real silo process and its PostgreSQL: preview, corrections, storing
/// every format, values that cast to their column types, a bad value's error and its all-or-nothing, explicit
/// replacement, isolation between users, and export and erasure reaching the tables.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class TablesApiTests(SiloProcessFixture silo) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_csv_is_previewed_corrected_stored_and_every_value_casts_to_its_column_type()
    {
        var (user, client, _) = await NewUserAsync();
        using var owned = client;
        var path = _folder.File("Kontoauszug.csv");
        await File.WriteAllTextAsync(path,
            "Datum;Betrag (EUR);Menge;Bezahlt;Notiz;PLZ;Zeit\n"
            + "05.03.2024;1.234,50;3;ja;Miete;01067;2024-03-05T14:30:00+01:00\n"
            + "06.03.2024;-12,5;4;nein;\"Brot; Milch\";80331;2024-03-06 08:00\n"
            + "31.12.2024;;;;;;\n",
            new System.Text.UTF8Encoding(true), Cancellation);
        var corrections = new TableUploadOptions(
            Types: new Dictionary<string, string> { ["menge"] = "numeric", ["PLZ"] = "bigint" },
            Renames: new Dictionary<string, string> { ["betrag_eur"] = "amount" },
            Skip: ["notiz"]);

        var preview = await client.PreviewTableAsync(path, new TableUploadOptions(), Cancellation);
        var corrected = await client.PreviewTableAsync(path, corrections, Cancellation);
        var stored = await client.UploadTableAsync(path, "konto", corrections, replace: false, Cancellation);
        var page = await client.GetTableAsync("konto", cancellationToken: Cancellation);

        Describe(preview.Columns).ShouldBe("datum:date, betrag_eur:numeric, menge:bigint, bezahlt:text, notiz:text, plz:text, zeit:timestamptz");
        (preview.Delimiter, preview.Encoding, preview.SampledRows).ShouldBe((";", "utf-8", 3));
        preview.Rows[1].ShouldBe(["06.03.2024", "-12,5", "4", "nein", "Brot; Milch", "80331", "2024-03-06 08:00"]);
        Describe(corrected.Columns).ShouldBe("datum:date, amount:numeric, menge:numeric, bezahlt:text, plz:bigint, zeit:timestamptz");
        corrected.Columns[1].Source.ShouldBe("Betrag (EUR)");
        (stored.Name, stored.FileName, stored.Format, stored.RowCount).ShouldBe(("konto", "Kontoauszug.csv", "csv", 3L));
        page.Rows.Select(row => row.GetRawText()).ShouldBe([
            """{"plz":1067,"zeit":"2024-03-05T14:30:00+01:00","datum":"2024-03-05","menge":3,"amount":1234.50,"bezahlt":"ja"}""",
            """{"plz":80331,"zeit":"2024-03-06T08:00:00+00:00","datum":"2024-03-06","menge":4,"amount":-12.5,"bezahlt":"nein"}""",
            """{"plz":null,"zeit":null,"datum":"2024-12-31","menge":null,"amount":null,"bezahlt":null}""",
        ]);
        page.Next.ShouldBeNull();
        (await StoredTableRows.CastEveryValueAsync(user, "konto", Cancellation)).ShouldBe(
            new Dictionary<string, long> { ["datum"] = 3, ["amount"] = 2, ["menge"] = 2, ["bezahlt"] = 2, ["plz"] = 2, ["zeit"] = 2 }, ignoreOrder: true);

        // The upload asked the catalog to refresh: the table becomes a dataset of its own without anyone asking.
        var catalog = await Poll.UntilAsync(
            token => client.GetCatalogAsync(token),
            overview => overview.Datasets.Any(dataset => dataset.Id == "table:konto"),
            "the uploaded table to reach the catalog",
            overview => overview is null ? "no catalog" : string.Join(", ", overview.Datasets.Select(dataset => dataset.Id)),
            TimeSpan.FromSeconds(60),
            Cancellation);
        catalog.Datasets.Single(dataset => dataset.Id == "table:konto").Rows.ShouldBe(3);
    }

    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [InlineData("csv", "name:text, amount:numeric, paid:boolean, day:date")]
    [InlineData("json", "name:text, amount:numeric, paid:boolean, day:date")]
    [InlineData("jsonl", "name:text, amount:numeric, paid:boolean, day:date")]
    [InlineData("parquet", "name:text, amount:double precision, paid:boolean, day:date")]
    [InlineData("xlsx", "name:text, amount:double precision, paid:boolean, day:date")]
    public async Task Each_format_round_trips(string format, string columns)
    {
        var (user, client, _) = await NewUserAsync();
        using var owned = client;
        var path = await TableFiles.WriteAsync(_folder, format, Cancellation);

        var stored = await client.UploadTableAsync(path, "people", new TableUploadOptions(), replace: false, Cancellation);
        var page = await client.GetTableAsync("people", cancellationToken: Cancellation);

        Describe(stored.Columns).ShouldBe(columns);
        stored.Format.ShouldBe(format);
        page.Rows.Select(row => (row.GetProperty("name").GetString()!, row.GetProperty("amount").GetDouble(), row.GetProperty("paid").GetBoolean(),
            DateOnly.Parse(row.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(TableFiles.Rows);
        (await StoredTableRows.CastEveryValueAsync(user, "people", Cancellation)).Values.ShouldAllBe(count => count == TableFiles.Rows.Length);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_bad_value_names_its_row_and_column_and_nothing_stays_stored()
    {
        var (user, client, _) = await NewUserAsync();
        using var owned = client;
        var path = _folder.File("big.csv");
        // Past the first batch of 50,000 rows, which was already moved into the user's table when the bad value comes.
        await File.WriteAllLinesAsync(path,
            ["Id,Amount (EUR)", .. Enumerable.Range(1, 60_000).Select(i => i == 55_000 ? $"{i},\"12,x\"" : $"{i},{i}.25")], Cancellation);

        var error = await Should.ThrowAsync<DatapunkApiException>(() => client.UploadTableAsync(path, "big", new TableUploadOptions(), replace: false, Cancellation));

        error.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, error.Problem);
        error.Problem.ShouldContain("row 55,000, column \"amount_eur\" (Amount (EUR)): \"12,x\" is not a number (numeric)");
        (await client.ListTablesAsync(Cancellation)).ShouldBeEmpty();
        (await StoredTableRows.CountAsync(user, Cancellation)).ShouldBe((0L, 0L), "the upload left no description and no row");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_taken_name_is_a_409_unless_the_upload_says_replace()
    {
        var (user, client, _) = await NewUserAsync();
        using var owned = client;
        var first = _folder.File("first.csv");
        var second = _folder.File("second.csv");
        await File.WriteAllLinesAsync(first, ["a", "1", "2"], Cancellation);
        await File.WriteAllLinesAsync(second, ["b,c", "x,true"], Cancellation);

        await client.UploadTableAsync(first, "t", new TableUploadOptions(), replace: false, Cancellation);
        var conflict = await Should.ThrowAsync<DatapunkApiException>(() => client.UploadTableAsync(second, "t", new TableUploadOptions(), replace: false, Cancellation));
        var replaced = await client.UploadTableAsync(second, "t", new TableUploadOptions(), replace: true, Cancellation);

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict, conflict.Problem);
        conflict.Problem.ShouldContain("You already have a table named \"t\"");
        (Describe(replaced.Columns), replaced.RowCount, replaced.FileName).ShouldBe(("b:text, c:boolean", 1L, "second.csv"));
        (await StoredTableRows.CountAsync(user, Cancellation)).ShouldBe((1L, 1L), "the first table's rows went with it");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Another_user_never_sees_reads_or_deletes_ones_table()
    {
        var (owner, ownerClient, _) = await NewUserAsync();
        var (_, otherClient, _) = await NewUserAsync();
        using var ownerScope = ownerClient;
        using var otherScope = otherClient;
        var path = _folder.File("secret.csv");
        await File.WriteAllLinesAsync(path, ["secret", "owner-only-value"], Cancellation);
        await ownerClient.UploadTableAsync(path, "mine", new TableUploadOptions(), replace: false, Cancellation);

        (await otherClient.ListTablesAsync(Cancellation)).ShouldBeEmpty();
        (await Should.ThrowAsync<DatapunkApiException>(() => otherClient.GetTableAsync("mine", cancellationToken: Cancellation))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<DatapunkApiException>(() => otherClient.DeleteTableAsync("mine", Cancellation))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherOwn = await otherClient.UploadTableAsync(path, "mine", new TableUploadOptions(), replace: true, Cancellation);

        otherOwn.RowCount.ShouldBe(1, "the other user's own table of the same name is theirs alone");
        var page = await ownerClient.GetTableAsync("mine", cancellationToken: Cancellation);
        page.Rows.Single().GetProperty("secret").GetString().ShouldBe("owner-only-value");
        (await StoredTableRows.CountAsync(owner, Cancellation)).ShouldBe((1L, 1L), "the owner's table is intact");
        await otherClient.DeleteTableAsync("mine", Cancellation);
        (await ownerClient.ListTablesAsync(Cancellation)).Select(t => t.Name).ShouldBe(["mine"]);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Export_carries_the_tables_and_erasure_removes_them()
    {
        var (user, client, token) = await NewUserAsync();
        using var owned = client;
        var path = await TableFiles.WriteAsync(_folder, "csv", Cancellation);
        await client.UploadTableAsync(path, "people", new TableUploadOptions(), replace: false, Cancellation);
        using var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var started = await http.PostAsync("api/v1/privacy/exports", content: null, Cancellation);
        var exportId = (await started.Content.ReadFromJsonAsync<ExportStatus>(JsonSerializerOptions.Web, Cancellation))!.ExportId;
        await Poll.UntilAsync(
            token => http.GetFromJsonAsync<ExportStatus>($"api/v1/privacy/exports/{exportId}", JsonSerializerOptions.Web, token),
            status => status is { State: not ExportState.Running }, $"export {exportId} to end", status => $"{status?.State} {status?.Error}",
            Deadlines.Import, Cancellation);
        using var archive = new ZipArchive(new MemoryStream(await http.GetByteArrayAsync($"api/v1/privacy/exports/{exportId}/download", Cancellation)));
        var tables = await ReadEntryAsync(archive, "tables/user_tables.jsonl");
        var rows = await ReadEntryAsync(archive, "tables/user_table_rows.jsonl");
        using var erase = new HttpRequestMessage(HttpMethod.Delete, "api/v1/me") { Content = JsonContent.Create(new { confirm = user }) };
        using var erased = await http.SendAsync(erase, Cancellation);

        tables.ShouldContain("\"name\":\"people\"");
        var exportedRows = rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.TryGetProperty("table_name", out _)).ToList();
        exportedRows.Select(row => (row.GetProperty("table_name").GetString(), row.GetProperty("row_values").GetProperty("name").GetString()))
            .ShouldBe(TableFiles.Rows.Select(r => ((string?)"people", (string?)r.Name)), rows);
        erased.StatusCode.ShouldBe(HttpStatusCode.OK, await erased.Content.ReadAsStringAsync(Cancellation));
        (await StoredTableRows.CountAsync(user, Cancellation)).ShouldBe((0L, 0L), "erasure leaves no table and no row");
    }

    public void Dispose() => _folder.Dispose();

    private static string Describe(IEnumerable<TableColumn> columns) => string.Join(", ", columns.Select(c => $"{c.Name}:{c.Type}"));

    private static async Task<string> ReadEntryAsync(ZipArchive archive, string path)
    {
        using var reader = new StreamReader(archive.GetEntry(path).ShouldNotBeNull($"the export has {path}").Open());
        return await reader.ReadToEndAsync(Cancellation);
    }

    private async Task<(string User, DatapunkGatewayClient Client, string Token)> NewUserAsync()
    {
        using var admin = silo.AdminClient();
        var created = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        return (created.User, new DatapunkGatewayClient(silo.Gateway, created.Token, TimeSpan.FromSeconds(60)), created.Token);
    }
}
