using System.Net;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>Erasing one's account from the privacy page: nothing happens until the user name is typed; then the account is gone.</summary>
[Collection(WebAppCollection.Name)]
public sealed class EraseAccountTests(WebAppFixture web)
{
    [Fact(Timeout = 120_000)]
    public async Task The_account_is_erased_only_after_its_name_is_typed()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Privacy");

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase my account…" }).ClickAsync();
        var erase = page.GetByRole(AriaRole.Button, new() { Name = "Erase everything now" });
        await Expect(erase).ToBeDisabledAsync();
        await page.GetByLabel("Type your user name").FillAsync(name[..^1]);
        await Expect(erase).ToBeDisabledAsync();
        await page.GetByLabel("Type your user name").FillAsync(name);
        await page.ShootAsync(web, "09-privacy-erase");
        await erase.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Datapunk" })).ToBeVisibleAsync();
        await page.SubmitSignInAsync(name, password);
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        using var http = new HttpClient { BaseAddress = web.Gateway };
        using var signIn = await http.PostAsJsonAsync("api/v1/auth/sign-in", new { userName = name, password }, TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the erased account no longer exists");
    }
}
