using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>What a person does on every visit: sign in on the sign-in page, move between pages by the header's links.</summary>
internal static class PageSteps
{
    /// <summary>Fills in the sign-in form (the page any app path shows a signed-out visitor) and submits it.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string name, string password)
    {
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Opens the app, signs in and waits for the first page, the timeline.</summary>
    public static async Task SignInAsync(this IPage page, string name, string password)
    {
        await page.GotoAsync("/");
        await page.SubmitSignInAsync(name, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
    }

    /// <summary>Follows the page's link in the header's navigation.</summary>
    public static Task OpenPageAsync(this IPage page, string title) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
}
