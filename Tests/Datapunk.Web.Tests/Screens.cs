namespace Datapunk.Web.Tests;

/// <summary>Screenshots of the pages as the tests see them, into the test output folder.</summary>
internal static class Screens
{
    public static Task ShootAsync(this IPage page, WebAppFixture web, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, $"{name}.png"), FullPage = true });
}
