using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>An import whose file cannot be read says which file and why, in words, on the import page.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ImportProblemsTests(WebAppFixture web) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact(Timeout = 180_000)]
    public async Task A_file_that_is_not_an_archive_is_named_with_its_problem()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var broken = _folder.File("takeout-broken.zip");
        await File.WriteAllBytesAsync(broken, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))], TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Import");

        await page.GetByLabel("choose files").SetInputFilesAsync(broken);

        var progress = page.GetByTestId("import-progress");
        await Expect(progress).ToHaveAttributeAsync("data-status", new Regex("^(Completed|Failed)$"), new() { Timeout = 120_000 });
        await Expect(progress.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "takeout-broken.zip" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "takeout-broken.zip" })).ToContainTextAsync("Failed");
        await page.ShootAsync(web, "02-import-problem");
    }

    public void Dispose() => _folder.Dispose();
}
