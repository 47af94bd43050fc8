using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>A provider slower than the request timeout fails its poll within a bounded time; it does not hold the poll open.</summary>
public sealed class SlowProviderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_provider_slower_than_the_request_timeout_fails_the_poll_in_bounded_time()
    {
        await using var spotify = await FakeSpotify.StartAsync();
        await using var engine = await StreamEngine.StartAsync(spotify, new Dictionary<string, string> { ["Stream:Providers:spotify:RequestTimeout"] = "00:00:01" });
        var userId = await StreamDatabase.NewAccountAsync("slow");
        spotify.AddAccount("slow-" + userId, "Slow").Play(DateTimeOffset.UtcNow.AddHours(-1), "s1", "Slow Song", "Band");
        var key = (await Authorizations.ConnectAsync(engine, spotify, userId, "slow-" + userId)).Key;
        spotify.ResponseDelay = TimeSpan.FromSeconds(3);

        var started = DateTimeOffset.UtcNow;
        var result = await engine.Get<ConnectionPoller>().PollAsync(key, Cancel);
        var elapsed = DateTimeOffset.UtcNow - started;

        result.Succeeded.ShouldBeFalse();
        result.Requests.ShouldBe(5, "each attempt timed out after 1 s and was retried");
        elapsed.ShouldBeLessThan(ConnectionPoller.Budget, "the poll ends within its budget, whatever the provider does");
        var row = (await engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Status.ShouldBe(ConnectionStates.Failing);
        row.LastError.ShouldNotBeNull().ShouldContain("timeout", Case.Insensitive);
        (await UserRows.RecordsAsync(userId)).ShouldBe(0);
    }
}
