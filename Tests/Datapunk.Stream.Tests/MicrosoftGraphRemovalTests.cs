using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// What Microsoft Graph's delta rounds say of stored events and messages: an event removed (<c>@removed</c>)
/// keeps its record marked deleted, one its organizer cancelled (<c>isCancelled</c>) is marked cancelled, a
/// message removed from a folder read is marked deleted and unmarked when it is seen again in a folder read.
/// A round read twice leaves the same rows, and another user's record of the same item is untouched.
/// </summary>
public sealed class MicrosoftGraphRemovalTests : MicrosoftGraphEngineTest
{
    [Fact]
    public async Task Removed_and_cancelled_events_stay_marked_and_an_event_put_back_is_unmarked()
    {
        var (userId, account, key) = await ConnectedAsync(account => account
            .PutEvent(Event("ev-1", "uid-1", "Review", "2026-03-02T09:00:00", "2026-03-02T10:00:00"))
            .PutEvent(Event("ev-2", "uid-2", "Offsite", "2026-03-03T09:00:00", "2026-03-03T17:00:00"))
            .PutEvent(Event("ev-3", "uid-3", "Dentist", "2026-03-04T09:00:00", "2026-03-04T10:00:00")));
        var (otherUser, _, otherKey) = await ConnectedAsync(account => account.PutEvent(Event("ev-1", "uid-1", "Review", "2026-03-02T09:00:00", "2026-03-02T10:00:00")));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(3);
        (await poller.PollAsync(otherKey, Cancel)).NewRecords.ShouldBe(1);
        var before = await SourceMarks.CursorAsync(Engine, key);

        account.DeleteEvent("ev-1");
        var cancelled = Event("ev-2", "uid-2", "Offsite", "2026-03-03T09:00:00", "2026-03-03T17:00:00");
        cancelled["isCancelled"] = true;
        account.PutEvent(cancelled);
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();

        (await SourceMarks.OfAsync(userId, "calendar_events")).ShouldBe("""
            Dentist -
            Offsite cancelled
            Review deleted
            """.ReplaceLineEndings("\n"));
        (await SourceMarks.OfAsync(otherUser, "calendar_events")).ShouldBe("Review -");

        var state = await SourceMarks.StateAsync(userId);
        (await SourceMarks.ReplayAsync(Engine, key, before)).Succeeded.ShouldBeTrue();
        (await SourceMarks.StateAsync(userId)).ShouldBe(state, "the same round read again changes nothing, not even when the removal was seen");

        account.PutEvent(Event("ev-2", "uid-2", "Offsite", "2026-03-03T09:00:00", "2026-03-03T17:00:00"));
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();
        (await SourceMarks.OfAsync(userId, "calendar_events")).ShouldBe("""
            Dentist -
            Offsite -
            Review deleted
            """.ReplaceLineEndings("\n"), "no longer cancelled, the offsite happens again");
    }

    [Fact]
    public async Task A_message_removed_from_the_inbox_stays_marked_deleted_and_is_unmarked_when_seen_again_in_a_folder_read()
    {
        var ids = new List<string>();
        var (userId, account, key) = await ConnectedAsync(account => ids.AddRange([account.AddMessage("inbox", Mail(1)), account.AddMessage("inbox", Mail(2))]));
        var (otherUser, _, otherKey) = await ConnectedAsync(account => account.AddMessage("inbox", Mail(1)));
        account.Folder("archive");
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(2);
        (await poller.PollAsync(otherKey, Cancel)).NewRecords.ShouldBe(1);
        var before = await SourceMarks.CursorAsync(Engine, key);

        var trashed = account.MoveMessage(ids[0], "deleteditems");
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();

        (await SourceMarks.OfAsync(userId, "emails")).ShouldBe("Message 1 deleted\nMessage 2 -", "moved to Deleted Items, which is not read: gone from what Datapunk reads");
        (await SourceMarks.OfAsync(otherUser, "emails")).ShouldBe("Message 1 -", "the other user's message of the same identity and Graph id is theirs");
        var state = await SourceMarks.StateAsync(userId);
        (await SourceMarks.ReplayAsync(Engine, key, before)).Succeeded.ShouldBeTrue();
        (await SourceMarks.StateAsync(userId)).ShouldBe(state);

        account.MoveMessage(trashed, "archive");
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();
        (await SourceMarks.OfAsync(userId, "emails")).ShouldBe("Message 1 -\nMessage 2 -", "restored into the archive (a new Graph id, the same message): there again");
        (await AllRecordsAsync(userId)).ShouldBe(2);
    }
}
