using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Testing.Providers;

namespace Datapunk.Web.Tests;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>, its web app built in) on free ports against the test
/// database, and Debian's headless Chromium driven by Playwright; both started once for the collection.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);

    private SiloProcess? _silo;
    private FakeSpotify? _spotify;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Also the service id, so <see cref="TestDatabase.DeleteClusterAsync"/> finds the grain state.</summary>
    public string ClusterId { get; } = $"web-tests-{Guid.NewGuid():N}"[..24];

    public Uri Gateway => Running.Gateway;

    /// <summary>The Spotify the silo's connections reach: a local server speaking Spotify's documented protocol.</summary>
    public FakeSpotify Spotify => _spotify ?? throw new InvalidOperationException("The fake Spotify has not started.");

    /// <summary>Where the silo's state folder puts the owner's one-time sign-in link (<c>.datapunk/sign-in-link</c> under <c>./datapunk up</c>).</summary>
    public string SignInLinkFile => Path.Combine(TestState.PathFor(ClusterId), "sign-in-link");

    /// <summary>Screenshots of every page the tests open, in the test output folder.</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string OutputTail => _silo?.Describe(40) ?? "(the silo was not started)";

    private SiloProcess Running => _silo ?? throw new InvalidOperationException("The silo has not started.");

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        await ForgetOwnersPasswordAsync();
        _spotify = await FakeSpotify.StartAsync();
        // No base tiles: the machines running the tests have no internet, and the map must be useful without them.
        var settings = new Dictionary<string, string> { ["RateLimits__Anonymous"] = "6000", ["Web__BaseTilesUrl"] = "" };
        foreach (var (key, value) in _spotify.Settings("Stream__Providers__spotify__"))
        {
            settings[key] = value;
        }

        _silo = DatapunkSilo.Start(TestDatabase.ConnectionStringForSilo(maxPoolSize: 10), ClusterId, settings, gracefulStop: TimeSpan.FromSeconds(15));
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            await _silo.WaitUntilReadyAsync(http, SiloStart, CancellationToken.None);
        }

        // Assertions wait up to 30 s (Playwright's default is 5): a loaded 2-core CI machine answers slowly.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(DebianChromium.LaunchOptions());
    }

    /// <summary>A fresh browser profile at a desktop or phone width, in Berlin's time zone, against the silo.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.AbsoluteUri,
            TimezoneId = SyntheticPerson.TimeZone,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A member with a password (set through the API with the member's first token) and Berlin as time zone.</summary>
    public async Task<(string Name, string Password)> NewMemberAsync(CancellationToken cancellationToken)
    {
        var name = $"web-{Guid.NewGuid():N}"[..16];
        const string password = "correct horse battery";
        using var http = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Running.AdminToken);
        using var created = await http.PostAsJsonAsync("api/v1/users", new { userName = name }, cancellationToken);
        await SucceededAsync(created, cancellationToken);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await SucceededAsync(await http.PutAsJsonAsync("api/v1/me/password", new { newPassword = password }, cancellationToken), cancellationToken);
        await SucceededAsync(await http.PatchAsJsonAsync("api/v1/me", new { displayName = "Sam Web", timeZone = SyntheticPerson.TimeZone }, cancellationToken), cancellationToken);
        return (name, password);
    }

    /// <summary>
    /// The owner's first-run link is written only while the owner has no password, and the owner is one
    /// per database: an earlier run's test set it. Cleared before the silo starts, so every run starts
    /// from a first run's state (no other test signs in as the owner with a password).
    /// </summary>
    private static async Task ForgetOwnersPasswordAsync()
    {
        await using var database = new TestDatabase("datapunk-web-tests", maxPoolSize: 1);
        await database.ExecuteAsync(
            "DO $$ BEGIN IF to_regclass('auth.accounts') IS NOT NULL THEN UPDATE auth.accounts SET password_hash = NULL WHERE role = 'owner'; END IF; END $$",
            new Dictionary<string, object>(), CancellationToken.None);
    }

    private static async Task SucceededAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_spotify is not null)
        {
            await _spotify.DisposeAsync();
        }

        await using var database = new TestDatabase("datapunk-web-tests", maxPoolSize: 1);
        await database.DeleteClusterAsync(ClusterId, CancellationToken.None);
    }
}
