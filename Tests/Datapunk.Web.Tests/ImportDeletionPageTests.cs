using System.Text;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>Deleting an import on the import page: the dialog shows what would go before anything goes, and the deletion says what went.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ImportDeletionPageTests(WebAppFixture web) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact(Timeout = 180_000)]
    public async Task The_delete_button_previews_what_goes_and_deletes_only_on_confirmation()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var export = _folder.File("Records.json");
        var fixes = Enumerable.Range(0, 5).Select(minute =>
            $$"""{"latitudeE7":{{524_000_000 + minute}},"longitudeE7":{{134_000_000 + minute}},"accuracy":10,"timestamp":"2024-03-03T10:0{{minute}}:00.000Z"}""");
        await File.WriteAllTextAsync(export, $$"""{"locations":[{{string.Join(",", fixes)}}]}""", Encoding.UTF8, TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Import");
        await page.GetByLabel("choose files").SetInputFilesAsync(export);
        await Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Records.json" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        var dialog = page.GetByTestId("delete-import");
        await Expect(dialog.GetByTestId("delete-records")).ToContainTextAsync("location points: 5");
        await page.ShootAsync(web, "20-import-delete-preview");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-deleted")).ToContainTextAsync(new Regex("Deleted 5 records"));
    }

    public void Dispose() => _folder.Dispose();
}
