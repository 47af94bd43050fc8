using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>The Tables page in Chromium against a real silo: a CSV previewed, a type corrected, the table stored, shown and deleted.</summary>
[Collection(WebAppCollection.Name)]
public sealed class TablesPageTests(WebAppFixture web) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact(Timeout = 180_000)]
    public async Task A_csv_is_previewed_corrected_stored_shown_and_deleted()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var csv = _folder.File("Bank Export.csv");
        await File.WriteAllLinesAsync(csv, ["Day;Amount (EUR);Note", "05.03.2024;1.234,50;rent", "06.03.2024;-12,5;bread"], TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Tables");

        await page.GetByLabel("File").SetInputFilesAsync(csv);
        await Expect(page.GetByTestId("detected")).ToContainTextAsync("csv, delimiter ;, utf-8");
        await Expect(page.GetByLabel("Type of Amount (EUR)")).ToHaveValueAsync("numeric");
        await page.GetByLabel("Type of Amount (EUR)").SelectOptionAsync("double precision");
        await Expect(page.GetByLabel("Type of Amount (EUR)")).ToHaveValueAsync("double precision");
        await page.GetByLabel("Skip Note").ClickAsync();
        await Expect(page.GetByLabel("Type of Note")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Store table" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stored table bank_export: 2 rows.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "bank_export" });
        await Expect(row).ToContainTextAsync("day date, amount_eur double precision");
        await row.GetByRole(AriaRole.Button, new() { Name = "bank_export", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Table bank_export" })).ToContainTextAsync("1234.5");
        await page.ShootAsync(web, "tables");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete bank_export" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "bank_export" })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_word_in_a_stored_table_is_found_by_search_and_opens_the_table_at_its_row()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var csv = _folder.File("Groceries.csv");
        await File.WriteAllLinesAsync(csv, ["Day,Shop,Item", "2024-03-05,Corner shop,milk", "2024-03-06,Bakery Sonnenschein,rye bread"], TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Tables");
        await page.GetByLabel("File").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Store table" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stored table groceries: 2 rows.");

        await page.OpenPageAsync("Search");
        await page.GetByLabel("Search for").FillAsync("sonnenschein");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var results = page.GetByTestId("search-results");
        await Expect(results).ToContainTextAsync("table rows");
        await Expect(results).ToContainTextAsync("shop: Bakery Sonnenschein");
        await results.GetByRole(AriaRole.Link, new() { Name = "groceries, row 2" }).ClickAsync();

        var shown = page.GetByRole(AriaRole.Region, new() { Name = "Table groceries" });
        await Expect(shown.Locator("tr[aria-current='true']")).ToContainTextAsync("rye bread");
        await Expect(shown.Locator("tr[aria-current='true']")).ToHaveCountAsync(1);
    }

    public void Dispose() => _folder.Dispose();
}
