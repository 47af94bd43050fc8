using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Gmail connection against the fake Gmail API: a full synchronization stores every message
/// once with its lineage and keeps the history id read before the listing; later polls read the history
/// and store only what was added; an expired history id (404) means a full synchronization again without
/// duplicates; a listing cut after a page goes on from its page token; messages get the identities the
/// Takeout mbox import gives.
/// </summary>
public sealed class GmailPollingTests : GmailEngineTest
{
    [Fact]
    public async Task A_full_sync_stores_every_listed_message_once_across_pages_with_its_lineage_and_keeps_the_history_id_read_first()
    {
        Gmail.PageSize = 2;
        var (userId, account, key) = await ConnectedAsync(account =>
        {
            Fill(account, 5);
            account.Add(Mail(90), "SPAM");
            account.Add(Mail(91), "DRAFT");
        });
        var historyBefore = account.HistoryId.ToString(CultureInfo.InvariantCulture);

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.Pages.ShouldBe(3, "six listed messages (spam is not listed) in pages of two");
        result.NewRecords.ShouldBe(5, "the draft is read and left out");
        (await IdentitiesAsync(userId)).Count.ShouldBe(5);
        var requests = Requests();
        requests[0].ShouldBe("/gmail/v1/users/me/profile", "the history id is read before the listing");
        requests.Count(r => r.StartsWith("/gmail/v1/users/me/messages?", StringComparison.Ordinal)).ShouldBe(3);
        requests.ShouldContain("/gmail/v1/users/me/messages?maxResults=25");
        requests.Count(r => r.Contains("?format=raw", StringComparison.Ordinal)).ShouldBe(6, "each listed message is read once");

        var row = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!;
        row.Cursor.ToJsonString().ShouldBe(new JsonObject { ["historyId"] = historyBefore }.ToJsonString(), "a finished full sync keeps only the history id");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id || ' ' || j.status, ',')
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id JOIN imports.jobs j ON j.import_id = f.import_id
            WHERE r.user_id = $1
            """, userId)).ShouldBe("gmail-api gmail.api.messages Streaming");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || body || '|' || (source->'labelIds'->>0)
            FROM user_data.records WHERE user_id = $1 AND title = 'Message 3'
            """, userId)).ShouldBe("Message 3|2026-03-04 09:30|Hello, this is message 3.|INBOX");
    }

    [Fact]
    public async Task A_later_poll_reads_the_history_and_stores_only_the_added_messages_skipping_one_deleted_before_it_was_read()
    {
        var (userId, account, key) = await ConnectedAsync(account => account.Add(Mail(1)));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(1);
        var before = Requests().Count;

        var added = account.Add(Mail(2));
        account.Add(Mail(3), "SPAM");
        account.Delete(account.Add(Mail(4)));
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(1, "message 2; spam is left out, the deleted message is gone");
        var requests = Requests(before);
        requests.Count.ShouldBe(3, string.Join("\n", requests));
        requests[0].ShouldStartWith("/gmail/v1/users/me/history?startHistoryId=");
        requests[0].ShouldContain("&historyTypes=messageAdded&historyTypes=messageDeleted&historyTypes=labelAdded&historyTypes=labelRemoved&maxResults=25");
        requests[1].ShouldBe($"/gmail/v1/users/me/messages/{added}?format=raw");
        requests[2].ShouldEndWith("?format=raw", Case.Sensitive, "the deleted message is asked for (404) and skipped");
        (await IdentitiesAsync(userId)).Count.ShouldBe(2);
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["historyId"]!.GetValue<string>()
            .ShouldBe(account.HistoryId.ToString(CultureInfo.InvariantCulture), "the history answer's historyId is where the next poll starts");

        var settled = await poller.PollAsync(key, Cancel);
        settled.NewRecords.ShouldBe(0);
        Requests(before + 3).ShouldHaveSingleItem("nothing new: one history request and no message read").ShouldStartWith("/gmail/v1/users/me/history?");
    }

    [Fact]
    public async Task An_expired_history_id_means_a_full_sync_again_that_stores_nothing_twice()
    {
        var (userId, account, key) = await ConnectedAsync(account =>
        {
            account.Add(Mail(1));
            account.Add(Mail(2));
        });
        var poller = Engine.Get<ConnectionPoller>();
        await poller.PollAsync(key, Cancel);
        account.ForgetHistory();
        account.Add(Mail(3));
        var before = Requests().Count;

        var resynced = await poller.PollAsync(key, Cancel);
        var settled = await poller.PollAsync(key, Cancel);

        resynced.Succeeded.ShouldBeTrue(resynced.Error);
        resynced.NewRecords.ShouldBe(1);
        var requests = Requests(before).Where(r => !r.Contains("format=raw", StringComparison.Ordinal)).ToList();
        requests.Count.ShouldBe(4, string.Join("\n", requests));
        requests[0].ShouldStartWith("/gmail/v1/users/me/history?", Case.Sensitive, "the expired history id is asked for (404)");
        requests[1].ShouldBe("/gmail/v1/users/me/profile", "then a full synchronization, once");
        requests[2].ShouldBe("/gmail/v1/users/me/messages?maxResults=25");
        requests[3].ShouldStartWith("/gmail/v1/users/me/history?", Case.Sensitive, "and the next poll reads the history from the new id");
        settled.Succeeded.ShouldBeTrue(settled.Error);
        settled.NewRecords.ShouldBe(0);
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId)).ShouldBe(3);
    }

    [Fact]
    public async Task A_listing_cut_after_a_page_goes_on_from_its_page_token_reading_no_message_twice_and_losing_none()
    {
        Gmail.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account => Fill(account, 5));
        var poller = Engine.Get<ConnectionPoller>();
        Gmail.FaultOn("pageToken=", 400);

        var cut = await poller.PollAsync(key, Cancel);

        cut.Succeeded.ShouldBeFalse("the second page was refused");
        (await IdentitiesAsync(userId)).Count.ShouldBe(2, "the first page was stored");
        (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor.ShouldContainKey("listPageToken");
        var before = Requests().Count;

        var resumed = await poller.PollAsync(key, Cancel);

        resumed.Succeeded.ShouldBeTrue(resumed.Error);
        resumed.NewRecords.ShouldBe(3);
        var requests = Requests(before);
        requests.Where(r => !r.Contains("format=raw", StringComparison.Ordinal))
            .ShouldAllBe(r => r.StartsWith("/gmail/v1/users/me/messages?maxResults=25&pageToken=", StringComparison.Ordinal), "the listing goes on where it stopped");
        requests.Count(r => r.Contains("format=raw", StringComparison.Ordinal)).ShouldBe(3, "only the three messages not stored are read");
        (await IdentitiesAsync(userId)).Count.ShouldBe(5);
        var settled = await poller.PollAsync(key, Cancel);
        settled.NewRecords.ShouldBe(0);
        Requests(before + requests.Count).ShouldHaveSingleItem().ShouldStartWith("/gmail/v1/users/me/history?");
    }

    [Fact]
    public async Task A_kept_page_token_Gmail_no_longer_takes_starts_the_listing_again_and_stores_nothing_twice()
    {
        Gmail.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account => Fill(account, 5));
        var poller = Engine.Get<ConnectionPoller>();
        Gmail.FaultOn("pageToken=", 400);
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeFalse("the second page was refused");
        (await IdentitiesAsync(userId)).Count.ShouldBe(2, "the first page was stored");
        Gmail.ForgetPageTokens();
        var before = Requests().Count;

        var restarted = await poller.PollAsync(key, Cancel);

        restarted.Succeeded.ShouldBeTrue(restarted.Error);
        restarted.NewRecords.ShouldBe(3, "the two stored before are matched, not stored again");
        var listing = Requests(before).Where(r => !r.Contains("format=raw", StringComparison.Ordinal)).ToList();
        listing[0].ShouldStartWith("/gmail/v1/users/me/messages?maxResults=25&pageToken=", Case.Sensitive, "the kept token first, which Gmail refuses");
        listing[1].ShouldBe("/gmail/v1/users/me/profile", "a new listing reads the history id first");
        listing[2].ShouldBe("/gmail/v1/users/me/messages?maxResults=25", "and lists from the start");
        (await IdentitiesAsync(userId)).Count.ShouldBe(5);
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(0);
    }

    [Fact]
    public async Task A_kept_history_page_token_Gmail_no_longer_takes_reads_the_history_again_from_its_start_and_stores_nothing_twice()
    {
        Gmail.PageSize = 2;
        var (userId, account, key) = await ConnectedAsync(account => account.Add(Mail(1)));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(1);
        var start = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["historyId"]!.GetValue<string>();
        for (var n = 2; n <= 6; n++)
        {
            account.Add(Mail(n));
        }

        Gmail.FaultOn("pageToken=", 400);
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeFalse("the history's second page was refused");
        (await IdentitiesAsync(userId)).Count.ShouldBe(3, "the first page of the history was stored");
        var cut = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor;
        cut["historyId"]!.GetValue<string>().ShouldBe(start, "a sweep under way keeps its start");
        cut.ShouldContainKey("historyPageToken");
        Gmail.ForgetPageTokens();
        var before = Requests().Count;

        var restarted = await poller.PollAsync(key, Cancel);

        restarted.Succeeded.ShouldBeTrue(restarted.Error);
        restarted.NewRecords.ShouldBe(3, "the two stored before are matched, not stored again");
        var history = Requests(before).Where(r => !r.Contains("format=raw", StringComparison.Ordinal)).ToList();
        history[0].ShouldContain("&pageToken=", Case.Sensitive, "the kept token first, which Gmail refuses");
        history[1].ShouldBe($"/gmail/v1/users/me/history?startHistoryId={start}&historyTypes=messageAdded&historyTypes=messageDeleted&historyTypes=labelAdded&historyTypes=labelRemoved&maxResults=25", "then the history from its start");
        history.ShouldNotContain("/gmail/v1/users/me/profile", "the history id is still kept: no full synchronization");
        (await IdentitiesAsync(userId)).Count.ShouldBe(6);
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(0);
    }

    [Fact]
    public async Task A_polled_message_has_the_record_the_Takeout_mbox_import_makes_of_it()
    {
        var message = PolledMailChecks.Invoice("Alice <alice@gmail.com>");
        var id = "";
        var (userId, _, key) = await ConnectedAsync(account => id = account.Add(message, "INBOX", "IMPORTANT", "CATEGORY_PERSONAL"));

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        var thread = Convert.ToUInt64(id, 16).ToString(CultureInfo.InvariantCulture);
        // The same message as Takeout writes it: an envelope line, Gmail's own headers first, LF line breaks.
        var mbox = $"From {thread}@xxx Tue Mar 03 13:05:00 +0000 2026\nX-GM-THRID: {thread}\nX-Gmail-Labels: Inbox,Important,Category Personal\n"
            + message.ReplaceLineEndings("\n") + "\n";
        var sink = new CollectedRecords("Takeout/Mail/All mail Including Spam and Trash.mbox");
        await new GmailMboxReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(mbox)), sink, Cancel);

        sink.Problems.ShouldBeEmpty();
        var imported = sink.Records.ShouldHaveSingleItem();
        var source = await PolledMailChecks.ShouldBeTheImportedAsync(userId, imported, "messageId", "threadId", "from", "to", "cc", "date", "attachments");

        source["labelIds"]!.ToJsonString().ShouldBe("""["INBOX","IMPORTANT","CATEGORY_PERSONAL"]""");
        source["gmailId"]!.GetValue<string>().ShouldBe(id);
    }

    /// <summary>Adds messages 1 to <paramref name="count"/> (<see cref="GmailEngineTest.Mail"/>) to the inbox, oldest first.</summary>
    private static void Fill(FakeGmailAccount account, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            account.Add(Mail(n));
        }
    }
}
