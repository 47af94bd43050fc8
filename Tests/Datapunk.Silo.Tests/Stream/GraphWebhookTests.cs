using System.Net;
using System.Text;
using Datapunk.Client;
using Datapunk.Testing.Providers;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>
/// Microsoft Graph change notifications through the real gateway (docs/sources.md): a connection polled once an
/// hour subscribes to its events and Inbox (the fake validates the address first), and a notification carrying
/// the subscription's secret brings a poll forward within seconds; a wrong secret or an unknown connection triggers
/// nothing; a burst of notifications costs at most two polls; a poll renews a subscription about to expire; removing
/// the connection deletes its subscriptions.
/// </summary>
[Collection(WebhookSiloCollection.Name)]
public sealed class GraphWebhookTests(WebhookSiloFixture silo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private FakeMicrosoftGraph Graph => silo.Graph;

    [Fact(Timeout = 180_000)]
    public async Task A_notification_with_the_subscriptions_secret_polls_at_once_others_trigger_nothing_and_removal_deletes_the_subscriptions()
    {
        var (_, _, user) = await silo.NewUserAsync("hook");
        using var _ = user;
        var account = NewAccount();
        var connected = await silo.ConnectAsync(user, account);
        var subscriptions = await SubscribedAsync(user, account);

        subscriptions.Select(s => s.Resource).Order(StringComparer.Ordinal).ShouldBe(["me/events", "me/mailFolders('inbox')/messages"]);
        foreach (var subscription in subscriptions)
        {
            subscription.ChangeType.ShouldBe("created,updated,deleted");
            subscription.NotificationUrl.ToString().ShouldStartWith(new Uri(silo.Gateway, "api/v1/webhooks/microsoft/").ToString());
            subscription.Expires.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(6), "a subscription lives as long as Graph allows for Outlook resources");
        }

        // The validation handshake: the token comes back as text, decoded.
        using var anonymous = new HttpClient();
        using (var validation = await anonymous.PostAsync(
            new UriBuilder(subscriptions[0].NotificationUrl) { Query = "validationToken=" + Uri.EscapeDataString("Validation: a token & more") }.Uri, null, Cancel))
        {
            validation.StatusCode.ShouldBe(HttpStatusCode.OK);
            validation.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            (await validation.Content.ReadAsStringAsync(Cancel)).ShouldBe("Validation: a token & more");
        }

        var before = Polls(account);
        (await Graph.NotifyAsync(subscriptions[0], "not-the-secret", Cancel)).ShouldBe(HttpStatusCode.Accepted);
        using (var unknown = await anonymous.PostAsync(
            new Uri(silo.Gateway, "api/v1/webhooks/microsoft/bm90LWEta2V5"), new StringContent("""{"value":[{"subscriptionId":"x","clientState":"y"}]}""", Encoding.UTF8, "application/json"), Cancel))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted, "an unknown connection is answered as any other");
        }

        var padding = new string('x', 300_000);
        using (var huge = await anonymous.PostAsync(
            subscriptions[0].NotificationUrl, new StringContent("{\"value\":[{\"subscriptionId\":\"" + padding + "\"}]}", Encoding.UTF8, "application/json"), Cancel))
        {
            huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a body past 256 KiB is no notification of ours, and is not read whole");
        }

        await Poll.UntilAsync(
            _ => Task.FromResult(Occurrences(silo.OutputTail, "named no connection's subscription") >= 2),
            TimeSpan.FromSeconds(10), () => "the gateway to log both refused notifications\n" + silo.OutputTail, Cancel);
        Polls(account).ShouldBe(before, "a notification without the subscription's secret triggers no poll");

        (await Graph.NotifyAsync(subscriptions[1], null, Cancel)).ShouldBe(HttpStatusCode.Accepted);
        await Poll.UntilAsync(
            _ => Task.FromResult(Polls(account) > before), TimeSpan.FromSeconds(10),
            () => "the notification to bring a poll forward (the schedule is an hour)\n" + silo.OutputTail, Cancel);

        var beforeBurst = await SettledPollsAsync(account);
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Graph.NotifyAsync(subscriptions[i % 2], null, Cancel)));
        burst.ShouldAllBe(status => status == HttpStatusCode.Accepted);
        var afterBurst = await SettledPollsAsync(account);
        (afterBurst - beforeBurst).ShouldBeInRange(1, 2, "twenty notifications at once cost one poll, and one more for those that came while it ran");

        await user.RemoveConnectionAsync(connected.Id, Cancel);
        DeletedOf(subscriptions).ShouldBe([.. subscriptions.Select(s => s.Id).Order(StringComparer.Ordinal)], ignoreOrder: false, "removing the connection deletes its subscriptions");
        Graph.Subscriptions.Values.ShouldNotContain(s => s.Account == account.UserPrincipalName);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_poll_renews_a_subscription_Graph_granted_less_time_than_the_renewal_margin()
    {
        var (_, _, user) = await silo.NewUserAsync("renew");
        using var _ = user;
        var account = NewAccount();
        Graph.GrantedLifetime = TimeSpan.FromHours(1);
        IReadOnlyList<FakeGraphSubscription> subscriptions;
        try
        {
            var connected = await silo.ConnectAsync(user, account);
            subscriptions = await SubscribedAsync(user, account);
            subscriptions.ShouldAllBe(s => s.Expires < DateTimeOffset.UtcNow.AddHours(2));

            var sync = await user.SyncConnectionAsync(connected.Id, Cancel);

            sync.Succeeded.ShouldBeTrue(sync.Error);
        }
        finally
        {
            Graph.GrantedLifetime = null;
        }

        foreach (var subscription in subscriptions)
        {
            Graph.Renewals.GetValueOrDefault(subscription.Id).ShouldBe(1, $"the subscription to {subscription.Resource} is renewed, not made again");
        }

        Graph.Subscriptions.Values.Count(s => s.Account == account.UserPrincipalName).ShouldBe(2);
    }

    private FakeMicrosoftAccount NewAccount() => Graph.AddAccount($"hook-{Guid.NewGuid():N}"[..16] + "@example.com", "Hook");

    /// <summary>The account's two subscriptions, once the connection's first poll made them and kept them in its cursor.</summary>
    private async Task<IReadOnlyList<FakeGraphSubscription>> SubscribedAsync(DatapunkGatewayClient user, FakeMicrosoftAccount account)
    {
        await silo.FirstPollAsync(user);
        var subscriptions = Graph.Subscriptions.Values.Where(s => s.Account == account.UserPrincipalName).OrderBy(s => s.Resource, StringComparer.Ordinal).ToList();
        subscriptions.Count.ShouldBe(2, silo.OutputTail);
        return subscriptions;
    }

    /// <summary>Polls of the account so far: each begins with one request for the calendar view's delta.</summary>
    private int Polls(FakeMicrosoftAccount account) =>
        Graph.AccountRequests.Count(r => r.Account == account.UserPrincipalName && r.Path.Contains("calendarView/delta", StringComparison.Ordinal));

    /// <summary>The account's polls once none began for five seconds: longer than the grain keeps between a poll and one a notification brings forward (3 s).</summary>
    private async Task<int> SettledPollsAsync(FakeMicrosoftAccount account)
    {
        var (seen, since) = (Polls(account), DateTimeOffset.UtcNow);
        await Poll.UntilAsync(
            _ =>
            {
                var now = Polls(account);
                if (now != seen)
                {
                    (seen, since) = (now, DateTimeOffset.UtcNow);
                }

                return Task.FromResult(DateTimeOffset.UtcNow - since > TimeSpan.FromSeconds(5));
            },
            TimeSpan.FromSeconds(30), () => $"the account's polls to stop for five seconds (at {seen})", Cancel);
        return seen;
    }

    private List<string> DeletedOf(IEnumerable<FakeGraphSubscription> subscriptions) =>
        [.. Graph.DeletedSubscriptions.Where(id => subscriptions.Any(s => s.Id == id)).Order(StringComparer.Ordinal)];

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
