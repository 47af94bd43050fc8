using System.Globalization;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// The design's load test of live sources: 1,000 Spotify connections over a cluster of 3 silo processes,
/// polled every minute against a fake Spotify that records every request with its time and account.
/// The application's quota (shared in Redis by every silo) is set above the average demand, so bursts
/// are what it has to smooth: no 5-second window of requests may exceed it. Every connection must be
/// polled on its schedule; then one silo is killed (SIGKILL) and every connection must still be polled,
/// the ticks it owned taken over by the survivors.
/// It runs alone: its schedule must not share the two cores with another test's silos.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ConnectionLoadTests
{
    private const int Connections = 1_000;
    private const int Users = 50;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan QuotaWindow = TimeSpan.FromSeconds(5);

    // A poll is three requests (recently played, saved tracks, playlists): 3,000 a minute, 50 a second on average; the quota allows 80.
    private const int RequestsPerWindow = 400;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 900_000)]
    public async Task A_thousand_connections_over_three_silos_keep_the_quota_and_their_schedule_even_when_a_silo_is_killed()
    {
        await using var spotify = await FakeSpotify.StartAsync();
        var settings = spotify.Settings("Stream__Providers__spotify__");
        settings["Stream__Providers__spotify__PollInterval"] = Interval.ToString("c", CultureInfo.InvariantCulture);
        settings["Stream__Providers__spotify__RequestsPerWindow"] = RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        settings["Stream__Providers__spotify__QuotaWindow"] = QuotaWindow.ToString("c", CultureInfo.InvariantCulture);
        settings["RateLimits__Anonymous"] = "100000";
        await using var cluster = await SiloCluster.StartAsync("stream-load", settings, Cancel, silos: 3, maxPoolSize: 8);

        var accounts = Enumerable.Range(0, Connections).Select(i => spotify.AddAccount($"load-{i:D4}", $"Listener {i}").Id).ToList();
        var connecting = DateTimeOffset.UtcNow;
        await ConnectAllAsync(cluster, spotify, accounts);
        var connected = DateTimeOffset.UtcNow;

        // Two whole periods on three silos, then one silo gone for two and a half more.
        await Task.Delay(Interval * 2.2, Cancel);
        var victim = cluster.Silos[2];
        await victim.KillAsync();
        var killed = DateTimeOffset.UtcNow;
        await Task.Delay(Interval * 2.5, Cancel);
        var end = DateTimeOffset.UtcNow;

        var requests = spotify.ApiRequests.ToList();
        var busiest = BusiestWindow(requests.Select(request => request.At).Order().ToList());
        busiest.Count.ShouldBeLessThanOrEqualTo(RequestsPerWindow, $"the quota of {RequestsPerWindow} requests per {QuotaWindow.TotalSeconds} s, at {busiest.Start:O}");

        var polls = requests
            .Where(request => request.Path.Contains("/recently-played", StringComparison.Ordinal) && request.Account.Length > 0)
            .GroupBy(request => request.Account)
            .ToDictionary(group => group.Key, group => group.Select(request => request.At).Order().ToList(), StringComparer.Ordinal);
        var unpolled = accounts.Where(account => !polls.ContainsKey(account)).ToList();
        unpolled.ShouldBeEmpty($"{unpolled.Count} connections were never polled");

        // On schedule: a poll a period (and the reminder's small slack) after the last one, while all three silos run.
        var late = Gaps(polls, connected, killed).Where(gap => gap.Length > Interval + TimeSpan.FromSeconds(15)).ToList();
        late.ShouldBeEmpty(Describe("polled late while all silos ran", late, busiest, requests.Count, cluster));

        // Killing a silo loses no poll: each connection is polled again once the survivors own its reminder (a missed
        // tick is the next one: up to two periods and the time to declare the silo dead), then on schedule again.
        var lost = accounts.Where(account => !polls[account].Any(at => at > killed + Interval)).ToList();
        lost.ShouldBeEmpty(Describe(
            "not polled from a minute after the kill to the end", [.. lost.Select(account => (account, end - polls[account][^1]))], busiest, requests.Count, cluster));
        var stalled = Gaps(polls, killed - Interval, end).Where(gap => gap.Length > (Interval * 2) + TimeSpan.FromSeconds(30)).ToList();
        stalled.ShouldBeEmpty(Describe("waited too long across the kill", stalled, busiest, requests.Count, cluster));

        var longestBefore = Gaps(polls, connected, killed).Max(gap => gap.Length);
        var longestAcross = Gaps(polls, killed - Interval, end).Max(gap => gap.Length);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Connections} connections made in {(connected - connecting).TotalSeconds:F0} s; {requests.Count} requests in {(end - connecting).TotalSeconds:F0} s, " +
            $"at most {busiest.Count} in {QuotaWindow.TotalSeconds:F0} s (quota {RequestsPerWindow}); {polls.Values.Sum(times => times.Count)} polls; " +
            $"longest gap between two polls of a connection: {longestBefore.TotalSeconds:F1} s with 3 silos, {longestAcross.TotalSeconds:F1} s across the kill");
    }

    /// <summary>Connects every account through the gateways of the three silos in turn: 50 users, several connections each, eight flows at once.</summary>
    private static async Task ConnectAllAsync(SiloCluster cluster, FakeSpotify spotify, IReadOnlyList<string> accounts)
    {
        using var admin = new DatapunkGatewayClient(cluster.Silos[0].Gateway, cluster.Silos[0].AdminToken, TimeSpan.FromSeconds(60));
        var tokens = new List<string>();
        for (var i = 0; i < Users; i++)
        {
            tokens.Add((await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancel)).Token);
        }

        foreach (var account in accounts)
        {
            spotify.SignInQueue.Enqueue(account);
        }

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancel }, async (i, cancel) =>
        {
            var silo = cluster.Silos[i % cluster.Silos.Count];
            using var user = new DatapunkGatewayClient(silo.Gateway, tokens[i % Users], TimeSpan.FromSeconds(60));
            var start = await user.StartConnectionAsync("spotify", cancel);
            using var authorize = await browser.GetAsync(start.AuthorizeUrl, cancel);
            using var callback = await browser.GetAsync(authorize.Headers.Location, cancel);
            callback.IsSuccessStatusCode.ShouldBeTrue($"connection {i}: {await callback.Content.ReadAsStringAsync(cancel)}\n{silo.Describe(20)}");
        });
        spotify.SignInQueue.ShouldBeEmpty();
    }

    /// <summary>The gaps between each account's consecutive polls that end between <paramref name="from"/> and <paramref name="until"/>.</summary>
    private static IEnumerable<(string Account, TimeSpan Length)> Gaps(Dictionary<string, List<DateTimeOffset>> polls, DateTimeOffset from, DateTimeOffset until) =>
        polls.SelectMany(account => account.Value.Zip(account.Value.Skip(1))
            .Where(pair => pair.Second > from && pair.Second <= until)
            .Select(pair => (account.Key, pair.Second - pair.First)));

    /// <summary>The most requests that arrived within one quota window, and when that window began.</summary>
    private static (int Count, DateTimeOffset Start) BusiestWindow(IReadOnlyList<DateTimeOffset> arrivals)
    {
        var (most, start, first) = (0, DateTimeOffset.MinValue, 0);
        for (var last = 0; last < arrivals.Count; last++)
        {
            while (arrivals[last] - arrivals[first] >= QuotaWindow)
            {
                first++;
            }

            if (last - first + 1 > most)
            {
                (most, start) = (last - first + 1, arrivals[first]);
            }
        }

        return (most, start);
    }

    private static string Describe(string what, List<(string Account, TimeSpan Length)> found, (int Count, DateTimeOffset Start) busiest, int requests, SiloCluster cluster) =>
        $"{found.Count} connections {what}, e.g. {string.Join(", ", found.Take(5).Select(gap => $"{gap.Account} {gap.Length.TotalSeconds:F0} s"))} (a gap, or since the last poll); " +
        $"{requests} requests in all, at most {busiest.Count} in {QuotaWindow.TotalSeconds} s\n{cluster.Silos[0].Describe(30)}";
}
