using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>
/// The SQL page in a real browser against a real silo: a query's grid and chart, PostgreSQL's error pointing into
/// the editor, the plan, a saved query and the history.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class SqlWorkbenchTests(WebAppFixture web)
{
    [Fact(Timeout = 120_000)]
    public async Task A_query_shows_its_rows_and_chart_an_error_its_message_and_queries_are_saved_and_remembered()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (name, password) = await web.NewMemberAsync(cancellation);
        await using (var database = new TestDatabase("datapunk-web-tests", maxPoolSize: 2))
        {
            await PersonalRows.InsertNotesAsync(database.DataSource, name,
                [("Lighthouse keeper diary", "Storm tonight."), ("Tax return", "Receipts."), ("Chocolate cake", "Flour.")],
                new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), cancellation);
        }

        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("SQL");

        await page.GetByTestId("sql-editor").FillAsync("SELECT title, length(title) AS letters FROM notes ORDER BY occurred_at");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var grid = page.GetByTestId("sql-result");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(grid.Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(["Lighthouse keeper diary", "23"]);
        await Expect(page.GetByTestId("sql-status")).ToContainTextAsync("3 rows");
        await Expect(page.GetByTestId("sql-chart").Locator("canvas")).ToBeVisibleAsync();
        await page.ShootAsync(web, "12-sql");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("note lengths");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this query" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Saved queries" }).GetByRole(AriaRole.Link, new() { Name = "note lengths" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Expect(page.GetByTestId("sql-plan")).ToContainTextAsync("\"Node Type\"");

        await page.GetByTestId("sql-editor").FillAsync("SELECT nosuch FROM notes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Expect(page.GetByTestId("sql-error")).ToContainTextAsync("column \"nosuch\" does not exist (at character 8)");

        var history = page.GetByRole(AriaRole.Region, new() { Name = "History" });
        await Expect(history.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(history.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("failed: column \"nosuch\" does not exist");
    }
}
