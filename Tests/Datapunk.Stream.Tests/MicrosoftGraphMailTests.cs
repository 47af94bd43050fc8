using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// Polls of a Microsoft connection's mail against the fake Graph: a full round per folder (Inbox, Sent
/// Items, Archive when the mailbox has one) reads each message's MIME once, leaves drafts and the folders
/// not read out, and keeps each folder's deltaLink; the next poll reads only what changed (a message only
/// marked read is matched, a removed one kept); a message has the record the Takeout mbox import makes of
/// the same message, so one imported and polled is stored once.
/// </summary>
public sealed class MicrosoftGraphMailTests : MicrosoftGraphEngineTest
{
    [Fact]
    public async Task A_full_round_reads_inbox_and_sent_items_in_pages_each_message_once_and_leaves_drafts_and_the_other_folders_out()
    {
        Graph.PageSize = 2;
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            for (var n = 1; n <= 3; n++)
            {
                account.AddMessage("inbox", Mail(n));
            }

            account.AddMessage("inbox", Mail(90), isDraft: true);
            account.AddMessage("sentitems", Mail(4));
            account.AddMessage("drafts", Mail(91), isDraft: true);
            account.AddMessage("deleteditems", Mail(92));
            account.AddMessage("junkemail", Mail(93));
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.NewRecords.ShouldBe(4, "messages 1 to 3 of the inbox and 4 of sent items; the draft in the inbox is left out");
        (await EmailsAsync(userId)).Count.ShouldBe(4);
        var mail = Requests(part: "/mailFolders/");
        mail.ShouldBe([
            "/v1.0/me/mailFolders/inbox/messages/delta?$select=id,isDraft,receivedDateTime,conversationId",
            mail[1], // the inbox's four entries in pages of two
            "/v1.0/me/mailFolders/sentitems/messages/delta?$select=id,isDraft,receivedDateTime,conversationId",
            "/v1.0/me/mailFolders/archive/messages/delta?$select=id,isDraft,receivedDateTime,conversationId",
        ], "no Archive folder here (404) is skipped; drafts, deleted items and junk are never asked");
        mail[1].ShouldStartWith("/v1.0/me/mailFolders/inbox/messages/delta?$skiptoken=");
        Requests(part: "/$value").Count.ShouldBe(4, "each message is read once, the draft not at all");
        Requests(part: "/subscriptions").ShouldBeEmpty("without Stream:PublicBaseUrl a poll asks for no change notifications");
        Graph.Prefers.ElementAt(Requests().IndexOf(mail[0])).ShouldBe("odata.maxpagesize=25");

        var cursor = (await Engine.Get<ConnectionsTable>().FindAsync(key, Cancel))!.Cursor["mail"].ShouldBeOfType<JsonObject>();
        cursor.Select(folder => folder.Key).Order(StringComparer.Ordinal).ShouldBe(["inbox", "sentitems"]);
        cursor.ShouldAllBe(folder => folder.Value!["deltaLink"] != null, cursor.ToJsonString());
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT string_agg(DISTINCT f.source || ' ' || f.format_id, ',')
            FROM user_data.records r JOIN imports.files f ON f.file_id = r.file_id WHERE r.user_id = $1
            """, userId)).ShouldBe("microsoft-graph-api microsoft.graph.messages");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || body || '|' || (source->>'folder')
            FROM user_data.records WHERE user_id = $1 AND title = 'Message 4'
            """, userId)).ShouldBe("Message 4|2026-03-05 09:30|Hello, this is message 4.|sentitems");
    }

    [Fact]
    public async Task The_next_poll_reads_only_what_changed_a_message_marked_read_is_matched_and_a_removed_one_kept()
    {
        var ids = new List<string>();
        var (userId, account, key) = await ConnectedAsync(account =>
        {
            ids.Add(account.AddMessage("inbox", Mail(1)));
            ids.Add(account.AddMessage("inbox", Mail(2)));
        });
        account.Folder("archive");
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(2);
        var before = Requests().Count;

        var added = account.AddMessage("inbox", Mail(3));
        account.AddMessage("archive", Mail(4));
        account.MarkRead(ids[0]);
        account.DeleteMessage(ids[1]);
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(2, "message 3 and the archived message 4; message 1 only changed its flags");
        Requests(before, "/inbox/").ShouldHaveSingleItem().ShouldContain("$deltatoken=", Case.Sensitive, "the inbox's kept deltaLink");
        Requests(before, "/$value").Count.ShouldBe(3, "the new messages and the one marked read (Graph says changed, not how); the removed one is not asked");
        Requests(before, "/$value").ShouldContain($"/v1.0/me/messages/{added}/$value", "(the fake logs the path decoded)");
        (await EmailsAsync(userId)).Count.ShouldBe(4, "the removed message's record stays");

        var settled = await poller.PollAsync(key, Cancel);
        settled.NewRecords.ShouldBe(0);
        Requests(before).Count(r => r.Contains("/$value", StringComparison.Ordinal)).ShouldBe(3, "nothing changed: no message read");
    }

    [Fact]
    public async Task A_polled_message_has_the_record_the_Takeout_mbox_import_makes_of_it_and_is_stored_once()
    {
        var message = PolledMailChecks.Invoice("Alice <alice@outlook.com>");
        var id = "";
        var (userId, _, key) = await ConnectedAsync(account =>
        {
            id = account.AddMessage("inbox", message);
            account.AddMessage("sentitems", message); // sent to oneself: in both folders, one message
        });

        var result = await Engine.Get<ConnectionPoller>().PollAsync(key, Cancel);

        result.Succeeded.ShouldBeTrue(result.Error);
        var mbox = "From bob@example.com Tue Mar 03 13:05:00 +0000 2026\n" + message.ReplaceLineEndings("\n") + "\n";
        var sink = new CollectedRecords("Takeout/Mail/All mail Including Spam and Trash.mbox");
        await new GmailMboxReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(mbox)), sink, Cancel);

        sink.Problems.ShouldBeEmpty();
        var imported = sink.Records.ShouldHaveSingleItem();
        var source = await PolledMailChecks.ShouldBeTheImportedAsync(userId, imported, "messageId", "from", "to", "cc", "date", "attachments");

        source["graphId"]!.GetValue<string>().ShouldBe(id, "the inbox's copy came first; the one in sent items matched it");
    }
}
