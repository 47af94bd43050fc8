using System.Net;
using System.Text.Json;
using Datapunk.Client;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// Connections through the real silo's HTTP API against the fake Spotify: connect (authorize URL, the
/// provider's redirect to the gateway's callback), the first poll run by the connection's reminder,
/// sync, pause, resume, remove; a replayed callback is refused; another user reaches none of it; what a
/// poll stores is embedded for semantic search as an import's records are.
/// </summary>
[Collection(StreamSiloCollection.Name)]
public sealed class ConnectionsApiTests(StreamSiloFixture silo)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 18, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_connection_made_through_the_gateway_is_polled_on_schedule_synced_paused_and_removed()
    {
        var (_, _, alice) = await silo.NewUserAsync("alice");
        using var _ = alice;
        var account = silo.Spotify.AddAccount("alice-" + Guid.NewGuid().ToString("N")[..6], "Alice");
        for (var i = 0; i < 4; i++)
        {
            account.Play(Start.AddMinutes(i * 4), $"a{i}", $"Song {i}", "Band");
        }

        var (connected, callback) = await silo.ConnectAsync(alice, account.Id);
        var id = $"spotify:{account.Id}";
        connected.Id.ShouldBe(id);

        // The reminder's first tick (2 s after the connection) polls without being asked.
        var polled = await Poll.UntilAsync(
            async token => (await alice.ListConnectionsAsync(token)).Single(),
            connection => connection.Polls >= 1,
            "the connection's reminder to run its first poll", connection => JsonSerializer.Serialize(connection), TimeSpan.FromSeconds(60), Cancel);
        polled.Records.ShouldBe(4, silo.OutputTail);
        polled.Status.ShouldBe("connected");
        polled.LastSuccess.ShouldNotBeNull();
        polled.NextPoll.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(10));

        account.Play(Start.AddHours(2), "late", "Late Song", "Band");
        var sync = await alice.SyncConnectionAsync(id, Cancel);
        sync.Succeeded.ShouldBeTrue(sync.Error);
        sync.NewRecords.ShouldBe(1);

        // The callback is single use: replaying it is a 400 and changes nothing.
        using var anonymous = new HttpClient();
        using var replay = await anonymous.GetAsync(callback, Cancel);
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await replay.Content.ReadAsStringAsync(Cancel)).ShouldContain("unknown or was used");

        (await alice.PauseConnectionAsync(id, Cancel)).Paused.ShouldBeTrue();
        (await alice.ResumeConnectionAsync(id, Cancel)).Paused.ShouldBeFalse();
        await alice.RemoveConnectionAsync(id, Cancel);
        (await alice.ListConnectionsAsync(Cancel)).ShouldBeEmpty();
        var gone = await Should.ThrowAsync<DatapunkApiException>(() => alice.SyncConnectionAsync(id, Cancel));
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_records_a_poll_stores_are_embedded_for_semantic_search_without_an_import()
    {
        var (_, _, bob) = await silo.NewUserAsync("bob");
        using var _ = bob;
        var account = silo.Spotify.AddAccount("bob-" + Guid.NewGuid().ToString("N")[..6], "Bob");
        for (var i = 0; i < 3; i++)
        {
            account.Play(Start.AddMinutes(i * 4), $"b{i}", $"Tune {i}", "Quartet");
        }

        await silo.ConnectAsync(bob, account.Id);
        var sync = await bob.SyncConnectionAsync($"spotify:{account.Id}", Cancel);
        sync.Succeeded.ShouldBeTrue(sync.Error);

        // Nothing else asks: no import, no search (a search would ask for a first pass by itself).
        var embedded = await Poll.UntilAsync(
            token => bob.GetSearchIndexStatusAsync(token),
            status => status is { Running: false, Embeddable: 3, Embedded: 3 },
            "the polled plays to be embedded",
            status => $"{status}\n{silo.OutputTail}",
            TimeSpan.FromSeconds(150), Cancel, TimeSpan.FromMilliseconds(500));
        embedded!.CoveredAt.ShouldNotBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task Another_user_can_neither_see_nor_sync_pause_or_remove_a_connection()
    {
        var (_, _, owner) = await silo.NewUserAsync("owner");
        var (_, _, intruder) = await silo.NewUserAsync("intruder");
        using var a = owner;
        using var b = intruder;
        var account = silo.Spotify.AddAccount("own-" + Guid.NewGuid().ToString("N")[..6], "Owner");
        account.Play(Start, "o1", "Mine", "Band");
        await silo.ConnectAsync(owner, account.Id);
        var id = $"spotify:{account.Id}";

        (await intruder.ListConnectionsAsync(Cancel)).ShouldBeEmpty();
        foreach (var call in new Func<Task>[]
        {
            () => intruder.SyncConnectionAsync(id, Cancel),
            () => intruder.PauseConnectionAsync(id, Cancel),
            () => intruder.ResumeConnectionAsync(id, Cancel),
            () => intruder.RemoveConnectionAsync(id, Cancel),
        })
        {
            (await Should.ThrowAsync<DatapunkApiException>(call)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var mine = (await owner.ListConnectionsAsync(Cancel)).ShouldHaveSingleItem();
        mine.Id.ShouldBe(id);
        mine.Paused.ShouldBeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_forged_callback_is_a_400_and_an_unknown_provider_a_404()
    {
        var (_, _, user) = await silo.NewUserAsync("forger");
        using var _ = user;
        using var anonymous = new HttpClient();

        using var forged = await anonymous.GetAsync(new Uri(silo.Gateway, "api/v1/connections/callback?code=x&state=forged"), Cancel);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Should.ThrowAsync<DatapunkApiException>(() => user.StartConnectionAsync("myspace", Cancel))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await user.ListConnectionsAsync(Cancel)).ShouldBeEmpty();
    }
}
