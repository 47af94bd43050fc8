using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// What Gmail's history says of stored messages: a message deleted, trashed or marked spam keeps its record,
/// marked with the reason and when it was seen; one taken out of the trash loses the mark; other label
/// changes become the labels its source shows. A history read twice leaves the same rows, and another
/// user's record of the same message (and the same Gmail id) is untouched.
/// </summary>
public sealed class GmailRemovalTests : GmailEngineTest
{
    [Fact]
    public async Task Deleted_trashed_and_spam_messages_stay_marked_archived_ones_take_their_labels_and_an_untrashed_one_is_unmarked()
    {
        var ids = new List<string>();
        var (userId, account, key) = await ConnectedAsync(account => ids.AddRange([.. Enumerable.Range(1, 4).Select(n => account.Add(Mail(n)))]));
        var (otherUser, _, otherKey) = await ConnectedAsync(account => account.Add(Mail(1)));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(4);
        (await poller.PollAsync(otherKey, Cancel)).NewRecords.ShouldBe(1);
        var before = await SourceMarks.CursorAsync(Engine, key);

        account.Relabel(ids[0], add: ["TRASH"], remove: ["INBOX"]);
        account.Delete(ids[1]);
        account.Relabel(ids[2], add: ["SPAM"], remove: ["INBOX"]);
        account.Relabel(ids[3], add: ["Label_7"], remove: ["INBOX"]);
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        next.NewRecords.ShouldBe(0);
        (await SourceMarks.OfAsync(userId, "emails")).ShouldBe("""
            Message 1 trash
            Message 2 deleted
            Message 3 spam
            Message 4 -
            """.ReplaceLineEndings("\n"), "every record stays; the archived message 4 is no removal");
        (await UserRows.ScalarAsync<string>(userId, "SELECT string_agg(source->>'labelIds', ' ' ORDER BY title) FROM user_data.records WHERE user_id = $1", userId))
            .ShouldBe("""["TRASH"] ["INBOX"] ["SPAM"] ["Label_7"]""", "label changes are the labels the source shows; a deleted message keeps its last ones");
        (await UserRows.ScalarAsync<bool>(userId, "SELECT bool_and(removed_at_source > now() - interval '5 minutes') FROM user_data.records WHERE user_id = $1 AND removed_reason IS NOT NULL", userId))
            .ShouldBeTrue("when Datapunk saw the removal");
        (await SourceMarks.OfAsync(otherUser, "emails")).ShouldBe("Message 1 -", "the other user's message 1, same identity and same Gmail id, is not theirs to mark");

        (await MarkCountsAsync(userId)).ShouldBe("3/0", "the pages' counts: three marked, none restored; the archived message's labels are no mark");

        var state = await SourceMarks.StateAsync(userId);
        var replayed = await SourceMarks.ReplayAsync(Engine, key, before);
        replayed.Succeeded.ShouldBeTrue(replayed.Error);
        (await SourceMarks.StateAsync(userId)).ShouldBe(state, "the same history stored again changes nothing, not even when the removal was seen");
        (await MarkCountsAsync(userId)).ShouldBe("3/0", "and counts nothing");

        account.Relabel(ids[0], add: ["INBOX"], remove: ["TRASH"]);
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();
        (await SourceMarks.OfAsync(userId, "emails")).ShouldStartWith("Message 1 -\nMessage 2 deleted", Case.Sensitive, "taken out of the trash, message 1 is there again");
        (await MarkCountsAsync(userId)).ShouldBe("3/1");
    }

    /// <summary>The <c>removed</c> and <c>restored</c> counts of all the user's polled pages, as <c>removed/restored</c>.</summary>
    private static Task<string> MarkCountsAsync(string userId) =>
        UserRows.ScalarAsync<string>(userId, "SELECT sum((counts->>'removed')::int) || '/' || sum((counts->>'restored')::int) FROM imports.files WHERE user_id = $1", userId);
}
