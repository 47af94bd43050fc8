namespace Datapunk.Web.Tests;

/// <summary>Moving between the app's pages as a person does, and screenshots of them into the test output folder.</summary>
internal static class Screens
{
    /// <summary>Follows the page's link in the header's navigation.</summary>
    public static Task OpenPageAsync(this IPage page, string title) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();

    public static Task ShootAsync(this IPage page, WebAppFixture web, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, $"{name}.png"), FullPage = true });
}
