using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>
/// The sources page and live arrivals: a member makes an ingest token for their phone in the page, the
/// phone posts fixes with it, and the timeline left open on that day shows them arrive without a reload;
/// a member connects a Spotify account through the provider's consent page and back, and its plays are polled.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class LiveSourcesTests(WebAppFixture web)
{
    private const string Day = "2026-11-23";

    [Fact(Timeout = 180_000)]
    public async Task A_phones_fixes_posted_with_a_token_made_in_the_page_appear_on_the_open_timeline()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (name, password) = await web.NewMemberAsync(cancellation);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);

        await page.OpenPageAsync("Sources");
        await page.GetByLabel("Phone").FillAsync("pixel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create ingest token" }).ClickAsync();
        var token = await page.GetByTestId("new-ingest-token").TextContentAsync();
        token.ShouldNotBeNull().ShouldStartWith("dpit_");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "pixel", Exact = true })).ToBeVisibleAsync();
        await page.ShootAsync(web, "12-sources");

        await page.GotoAsync($"/timeline?date={Day}");
        await Expect(page.GetByText("Nothing recorded this day.")).ToBeVisibleAsync();
        // The phone posts once the page listens (the silo has subscribed to the user's channel).
        await Expect(page.Locator("html[data-arrivals=listening]")).ToHaveCountAsync(1);

        using var phone = new HttpClient { BaseAddress = web.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Post, "ingest/overland")
        {
            Content = new StringContent(
                $$$"""
                {"locations":[
                  {"type":"Feature","geometry":{"type":"Point","coordinates":[13.405,52.52]},"properties":{"timestamp":"{{{Day}}}T11:00:00Z","device_id":"pixel","horizontal_accuracy":5}},
                  {"type":"Feature","geometry":{"type":"Point","coordinates":[13.406,52.521]},"properties":{"timestamp":"{{{Day}}}T11:10:00Z","device_id":"pixel","horizontal_accuracy":5}}]}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var posted = await phone.SendAsync(request, cancellation);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync(cancellation));

        await Expect(page.GetByTestId("arrivals")).ToHaveTextAsync("2 new location points from overland just arrived.");
        await Expect(page.GetByTestId("timeline-entries")).ToContainTextAsync("2 location fixes");
        await page.ShootAsync(web, "12-timeline-arrivals");
    }

    [Fact(Timeout = 180_000)]
    public async Task Connecting_Spotify_goes_through_its_consent_and_back_and_the_plays_are_polled_then_the_connection_is_paused_and_removed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var account = web.Spotify.AddAccount($"listener-{Guid.NewGuid():N}"[..20], "Web Listener");
        account.Play(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), "w1", "Teardrop", "Massive Attack");
        account.Play(new DateTimeOffset(2026, 11, 24, 9, 6, 0, TimeSpan.Zero), "w2", "Angel", "Massive Attack");
        web.Spotify.SignedInAccount = account.Id;
        var (name, password) = await web.NewMemberAsync(cancellation);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);

        await page.OpenPageAsync("Sources");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect Spotify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sources\\?connected=spotify"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected" })).ToContainTextAsync($"Connected spotify:{account.Id}");
        var row = page.GetByTestId("connections").GetByRole(AriaRole.Row).Filter(new() { HasText = "Web Listener" });
        await Expect(row).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("2");
        await page.ShootAsync(web, "12-sources-connected");

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("paused");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove spotify:{account.Id}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await page.GotoAsync("/timeline?date=2026-11-24");
        await Expect(page.GetByTestId("timeline-entries")).ToContainTextAsync("Teardrop");
    }
}
