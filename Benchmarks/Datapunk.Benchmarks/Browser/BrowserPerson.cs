using System.Net.Http.Headers;
using System.Net.Http.Json;
using Datapunk.Benchmarks.Reading;
using Datapunk.Benchmarks.SearchScale;
using Datapunk.Client;
using Datapunk.Grains;
using Npgsql;

namespace Datapunk.Benchmarks.Browser;

/// <summary>
/// The person the browser benchmark signs in as: ten years of fixes (<see cref="YearOfFixes"/>,
/// 2014-2023) and the search benchmark's mix of other records (<see cref="SearchCorpus"/>,
/// December 2016 to November 2026), loaded in bulk as the database's owner under the user id the
/// account gets (the user name), and an account with a password and Berlin as its time zone.
/// </summary>
internal static class BrowserPerson
{
    public const string UserName = "bench-browser";
    public const string Password = "correct horse battery";
    public const string TimeZone = "Europe/Berlin";

    /// <summary>COPYs the fixes and the records in, with their indexes built after each load.</summary>
    public static async Task LoadAsync(NpgsqlDataSource owner, long fixes, long records, Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await YearOfFixes.LoadAsync(owner, UserName, fixes, 10, cancellationToken);
        progress($"{fixes:N0} fixes of 2014-2023 loaded and indexed in {clock.Elapsed.TotalSeconds:0} s");
        clock.Restart();
        var (copy, index) = await new SearchCorpusLoader(owner, new SearchCorpus(new SearchVocabulary()), UserName).LoadAsync(0, records, progress, cancellationToken);
        progress($"{records:N0} records loaded in {copy:0} s, indexed in {index:0} s");
    }

    /// <summary>Creates the account if it is missing (its first token sets the password and the time zone).</summary>
    public static async Task EnsureAccountAsync(DatapunkGatewayClient admin, Uri gateway, CancellationToken cancellationToken)
    {
        try
        {
            await admin.GetUserAsync(UserName, cancellationToken);
            return;
        }
        catch (DatapunkApiException missing) when (missing.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // A new database: the account is made below.
        }

        var created = await admin.CreateUserAsync(new NewUser(UserName), cancellationToken);
        using var own = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        own.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        using var password = await own.PutAsJsonAsync("api/v1/me/password", new { newPassword = Password }, cancellationToken);
        password.EnsureSuccessStatusCode();
        using var profile = await own.PatchAsJsonAsync("api/v1/me", new { displayName = "Browser Benchmark", timeZone = TimeZone }, cancellationToken);
        profile.EnsureSuccessStatusCode();
    }
}
