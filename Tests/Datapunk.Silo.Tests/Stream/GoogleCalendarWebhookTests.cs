using System.Net;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// Google Calendar push notifications through the real gateway (docs/sources.md): a connection polled once an hour
/// watches each calendar it reads (the fake sends the channel's <c>sync</c> message at once, which polls nothing); a
/// message with the channel's token brings a poll forward within seconds, a wrong token triggers nothing; removing
/// the connection stops its channels.
/// </summary>
[Collection(WebhookSiloCollection.Name)]
public sealed class GoogleCalendarWebhookTests(WebhookSiloFixture silo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private FakeGoogleCalendar Calendar => silo.Calendar;

    [Fact(Timeout = 120_000)]
    public async Task A_change_message_with_the_channels_token_polls_at_once_a_wrong_token_triggers_nothing_and_removal_stops_the_channels()
    {
        var (_, _, user) = await silo.NewUserAsync("gcal");
        using var _ = user;
        var account = Calendar.AddAccount($"gcal-{Guid.NewGuid():N}"[..14] + "@gmail.com", "Cal");
        var connected = await silo.ConnectAsync(user, account);
        await silo.FirstPollAsync(user);
        var channels = Calendar.Channels.Values.Where(c => c.Account == account.Email).ToList();
        channels.ShouldNotBeEmpty(silo.OutputTail);
        channels.ShouldAllBe(c => c.Address.ToString().StartsWith(new Uri(silo.Gateway, "api/v1/webhooks/google-calendar/").ToString(), StringComparison.Ordinal));
        await Poll.UntilAsync(
            _ => Task.FromResult(Calendar.SyncAnswers.Count >= channels.Count), TimeSpan.FromSeconds(10), () => "the channels' sync messages to be answered", Cancel);
        Calendar.SyncAnswers.ShouldAllBe(status => status == HttpStatusCode.OK);

        var before = Polls();
        (await Calendar.NotifyAsync(channels[0], "not-the-token", Cancel)).ShouldBe(HttpStatusCode.OK);
        await Poll.UntilAsync(
            _ => Task.FromResult(silo.OutputTail.Contains("A google-calendar notification for", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), () => "the gateway to log the refused message\n" + silo.OutputTail, Cancel);
        Polls().ShouldBe(before, "a message without the channel's token triggers no poll");

        (await Calendar.NotifyAsync(channels[0], null, Cancel)).ShouldBe(HttpStatusCode.OK);
        await Poll.UntilAsync(
            _ => Task.FromResult(Polls() > before), TimeSpan.FromSeconds(10),
            () => "the change message to bring a poll forward (the schedule is an hour)\n" + silo.OutputTail, Cancel);

        await user.RemoveConnectionAsync(connected.Id, Cancel);
        Calendar.StoppedChannels.ShouldContain(channels[0].Id);
        Calendar.Channels.Values.ShouldNotContain(c => c.Account == account.Email, "removing the connection stops its channels");
    }

    /// <summary>Polls so far: each begins by listing the calendars (one test of this class runs at a time, and no other polls this fake).</summary>
    private int Polls() => Calendar.ApiRequests.Count(path => path.Contains("calendarList", StringComparison.Ordinal));
}
