using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// Kills (SIGKILL) the silo whose connection grain is in the middle of a poll (the fake Spotify holds
/// the answer): the connection's persisted reminder wakes the grain on the survivor, which polls again
/// from the stored cursor, and every play is stored exactly once.
/// </summary>
public sealed class ConnectionCrashTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_poll_cut_short_by_a_killed_silo_is_done_by_the_survivor_without_loss_or_duplicate()
    {
        await using var spotify = await FakeSpotify.StartAsync();
        var settings = spotify.Settings("Stream__Providers__spotify__");
        // Orleans refuses reminder periods under a minute unless told otherwise; a 5 s schedule makes the reminder tick every 5 s.
        settings["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01";
        settings["Stream__Providers__spotify__PollInterval"] = "00:00:05";
        await using var cluster = await SiloCluster.StartAsync("stream-crash", settings, Cancel);
        using var admin = new DatapunkGatewayClient(cluster.Silos[0].Gateway, cluster.Silos[0].AdminToken, TimeSpan.FromSeconds(60));
        var name = SiloTestNames.NewUserName();
        var created = await admin.CreateUserAsync(new NewUser(name), Cancel);
        var account = spotify.AddAccount("crash-" + Guid.NewGuid().ToString("N")[..6], "Crash");
        for (var i = 0; i < 20; i++)
        {
            account.Play(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero).AddMinutes(3 * i), $"c{i}", $"Song {i}", "Band");
        }

        using var user = new DatapunkGatewayClient(cluster.Silos[0].Gateway, created.Token, TimeSpan.FromSeconds(60));
        spotify.SignedInAccount = account.Id;
        var start = await user.StartConnectionAsync("spotify", Cancel);
        // The first poll's answer is held long enough to kill the silo that waits for it.
        spotify.ResponseDelay = TimeSpan.FromSeconds(8);
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            using var authorize = await browser.GetAsync(start.AuthorizeUrl, Cancel);
            using var callback = await browser.GetAsync(authorize.Headers.Location, Cancel);
            callback.EnsureSuccessStatusCode();
        }

        await Poll.UntilAsync(
            _ => Task.FromResult(spotify.ApiRequests.Any(request => request.Path.Contains("recently-played", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), () => "the first scheduled poll to reach the provider", Cancel);
        var host = (await admin.GetClusterStatusAsync(Cancel)).Activations
            .Single(type => type.GrainType.Contains("SourceConnectionGrain", StringComparison.Ordinal)).BySilo.Keys.Single();
        var runner = cluster.Hosting(host);
        await runner.KillAsync();
        spotify.ResponseDelay = TimeSpan.Zero;
        var survivor = cluster.Other(runner);

        using var onSurvivor = new DatapunkGatewayClient(survivor.Gateway, created.Token, TimeSpan.FromSeconds(60));
        var done = await Poll.UntilAsync(
            token => onSurvivor.ListConnectionsAsync(token),
            connections => connections is [{ Records: 20, LastSuccess: not null }],
            "the survivor to poll the connection and store its 20 plays",
            connections => $"{System.Text.Json.JsonSerializer.Serialize(connections)}\n{survivor.Describe(30)}",
            TimeSpan.FromSeconds(120), Cancel, TimeSpan.FromMilliseconds(500));

        var stored = await cluster.Database.ScalarAsync<long>(
            "SELECT count(*) FROM user_data.records WHERE user_id = @user AND kind = 13", new Dictionary<string, object> { ["user"] = name }, Cancel);
        stored.ShouldBe(20, "every play once, whatever the killed poll did");
        done.Single().Status.ShouldBe("connected");
    }
}
