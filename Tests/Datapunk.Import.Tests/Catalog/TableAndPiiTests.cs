namespace Datapunk.Import.Tests.Catalog;

/// <summary>
/// An uploaded table's quality dimensions catch their seeded defects; PII is counted per dataset, field and kind in a
/// note and a table; a person's nights at home are flagged on their fixes; another person sees none of it.
/// </summary>
public sealed class TableAndPiiTests
{
    private const string Columns = """
        [{"name": "who", "type": "text"}, {"name": "amount", "type": "numeric"}, {"name": "paid_at", "type": "timestamptz"}, {"name": "note", "type": "text"}]
        """;

    private static readonly string[] Rows =
    [
        """{"who": "Anna", "amount": 12.5, "paid_at": "2026-11-01T10:00:00Z", "note": "mail anna@example.org"}""",
        """{"who": "Bernd", "amount": "abc", "paid_at": "2026-11-02T10:00:00Z", "note": "call +49 30 12345678"}""",
        """{"who": null, "amount": 3, "paid_at": "2026-11-03T10:00:00Z", "note": "IBAN DE89 3704 0044 0532 0130 00"}""",
        """{"who": "Carla", "amount": 4, "paid_at": "2026-11-04T10:00:00", "note": "card 4111 1111 1111 1111"}""",
        """{"who": "Anna", "amount": 12.5, "paid_at": "2026-11-01T10:00:00Z", "note": "mail anna@example.org"}""",
    ];

    [Fact(Timeout = 120_000)]
    public async Task A_table_s_defects_PII_and_the_home_location_are_found_and_only_their_owner_sees_them()
    {
        var owner = ImportDatabase.NewUser("cat-pii");
        var other = ImportDatabase.NewUser("cat-pii-b");
        var file = await CatalogHarness.SeedFileAsync(owner, "google.keep.note", "Takeout/Keep/note.json");
        await CatalogHarness.SeedRecordAsync(owner, file, 12, "note-1", DateTimeOffset.UtcNow.AddDays(-1), null, "Bank",
            "Write to anna@example.org or call +49 30 12345678; IBAN DE89370400440532013000, card 4111111111111111.");
        var tableId = await ImportDatabase.ScalarAsync<long>("""
            INSERT INTO user_data.user_tables (user_id, name, file_name, format, columns, row_count) VALUES ($1, 'payments', 'payments.csv', 'csv', $2::jsonb, 6)
            RETURNING table_id
            """, owner, Columns);
        for (var row = 0; row < Rows.Length; row++)
        {
            await CatalogHarness.ExecuteAsync(
                "INSERT INTO user_data.user_table_rows (user_id, table_id, row_number, row_values) VALUES ($1, $2, $3, $4::jsonb)", owner, tableId, row + 1L, Rows[row]);
        }

        var fixes = await CatalogHarness.SeedFileAsync(owner, "google.location.records", "Takeout/Location History/Records.json");
        var night = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-14), TimeSpan.Zero).AddHours(2);
        for (var day = 0; day < 12; day++)
        {
            await CatalogHarness.SeedFixAsync(owner, fixes, night.AddDays(day), 52.52003, 13.40498 + (day * 0.00001));
            await CatalogHarness.SeedFixAsync(owner, fixes, night.AddDays(day).AddHours(10), 52.53, 13.39);
        }

        var catalog = await CatalogHarness.RefreshAsync(owner);
        await CatalogHarness.RefreshAsync(other);

        var table = await CatalogHarness.DatasetAsync(owner, "table:payments");
        table.Failing("completeness").ShouldBe("table:payments:3: missing who");
        table.Failing("validity").ShouldBe("table:payments:2: amount is not numeric");
        table.Failing("conformity").ShouldBe("table:payments:4: paid_at has no zone");
        table.Failing("uniqueness").ShouldBe("table:payments:5: same values as an earlier row");
        table.Failing("integrity").ShouldBe("table:payments: upload counted 6 rows, 5 are stored");
        table.Dimension("completeness").Score.ShouldBe(0.8);
        table.Fields.Select(field => $"{field.Name}:{field.Type}").ShouldBe(["who:string", "amount:number", "amount:string", "paid_at:string", "note:string"], ignoreOrder: true);
        table.Dimension("timeliness").Score.ShouldBeNull();

        Findings(table.Pii, "note").ShouldBe("card=1 email=2 iban=1 phone=1");
        var notes = await CatalogHarness.DatasetAsync(owner, "records:google.keep.note:keep_notes");
        Findings(notes.Pii, "body").ShouldBe("card=1 email=1 iban=1 phone=1");
        catalog.Datasets.Single(dataset => dataset.Id == "table:payments").Pii.ShouldBe(
            new Dictionary<string, long> { ["card"] = 1, ["email"] = 2, ["iban"] = 1, ["phone"] = 1 }, ignoreOrder: true);

        var home = (await CatalogHarness.DatasetAsync(owner, "fixes:google.location.records")).Pii.ShouldHaveSingleItem();
        (home.Field, home.Kind, home.Findings, home.Sampled).ShouldBe(("position", "home_location", 12L, 12L));
        home.Note.ShouldBe("12 of 12 night fixes (00:00-06:00 local time) lie within about 100 m of 52.520,13.405");

        (await CatalogHarness.Reader.ListAsync(other, TestContext.Current.CancellationToken)).Datasets.ShouldBeEmpty("the other person holds nothing and sees nothing of the owner's");
        (await CatalogHarness.Reader.GetAsync(other, "table:payments", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    private static string Findings(IReadOnlyList<PiiFieldFindings> findings, string field) =>
        string.Join(" ", findings.Where(finding => finding.Field == field).OrderBy(finding => finding.Kind, StringComparer.Ordinal).Select(finding => $"{finding.Kind}={finding.Findings}"));
}
