using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// The shared quota: many connections polled at once through two engines (as two silos would, sharing
/// Redis) never send the provider more requests in any second than the application's quota allows.
/// </summary>
public sealed class QuotaTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_polls_from_two_engines_never_exceed_the_applications_quota()
    {
        const int limit = 4;
        await using var spotify = await FakeSpotify.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Stream:Providers:spotify:RequestsPerWindow"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Stream:Providers:spotify:ConnectionRequestsPerWindow"] = "2",
            ["Stream:Providers:spotify:QuotaWindow"] = "00:00:01",
            ["Stream:Providers:spotify:QuotaWait"] = "00:01:00",
        };
        await using var first = await StreamEngine.StartAsync(spotify, settings);
        await using var second = await StreamEngine.StartAsync(spotify, settings);
        var userId = await StreamDatabase.NewAccountAsync("quota");
        var keys = new List<ConnectionKey>();
        for (var i = 0; i < 8; i++)
        {
            spotify.AddAccount($"q{i}-{userId}", $"Q{i}").Play(DateTimeOffset.UtcNow.AddMinutes(-i), $"t{i}", "Song", "Artist");
            keys.Add((await Authorizations.ConnectAsync(first, spotify, userId, $"q{i}-{userId}")).Key);
        }

        // Connecting sent one /me each; what is measured below starts after them.
        var before = spotify.ApiRequests.Count;
        var started = DateTimeOffset.UtcNow;
        // A poll sends three requests (plays, saved tracks, playlists): 8 polls send 24.
        var polls = keys.Select((key, i) => (i % 2 == 0 ? first : second).Get<ConnectionPoller>().PollAsync(key, Cancel));
        var results = await Task.WhenAll(polls);
        var elapsed = DateTimeOffset.UtcNow - started;

        results.ShouldAllBe(result => result.Succeeded);
        var arrivals = spotify.ApiRequests.Skip(before).Select(request => request.At).Order().ToList();
        arrivals.Count.ShouldBe(24);
        var busiest = arrivals.Max(at => arrivals.Count(other => other >= at && other < at + TimeSpan.FromSeconds(1)));
        busiest.ShouldBeLessThanOrEqualTo(limit, $"at most {limit} requests in any second at the provider; 24 requests took {elapsed.TotalSeconds:0.0} s");
        elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds((24 / limit) - 1.5), "the quota, not the machine, set the pace");
        TestContext.Current.TestOutputHelper?.WriteLine($"8 polls of 8 connections (24 requests) through 2 engines at {limit}/s: {elapsed.TotalSeconds:0.0} s, busiest second {busiest}");
    }
}
