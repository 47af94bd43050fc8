using System.Globalization;
using System.Text;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A mailbox of <see cref="FakeGmail"/>: its messages (RFC 822 text, labels) and their history. Every
/// message added, deleted or relabelled takes the mailbox's next history id, which <c>users/me/history</c>
/// counts from, as Gmail's history records do; <see cref="ForgetHistory"/> drops the records kept so far, as Gmail drops
/// records older than about a week.
/// </summary>
public sealed class FakeGmailAccount(string email)
{
    private readonly Lock _lock = new();
    private readonly List<FakeGmailMessage> _messages = [];
    private readonly List<FakeGmailChange> _history = [];
    private long _historyId = 4000;
    private long _forgottenBefore;
    private long _nextId = 0x18c0a1b2c3d40000;

    public string Email { get; } = email;

    /// <summary>Adds a message (its RFC 822 text, CRLF line breaks) with <paramref name="labelIds"/> (<c>INBOX</c> when none); returns its id.</summary>
    public string Add(string rfc822, params string[] labelIds) =>
        AddRaw(Convert.ToBase64String(Encoding.UTF8.GetBytes(rfc822)).Replace('+', '-').Replace('/', '_'), labelIds);

    /// <summary>Adds a message whose <c>raw</c> field is <paramref name="raw"/> as given (base64url or not); returns its id.</summary>
    public string AddRaw(string raw, params string[] labelIds)
    {
        lock (_lock)
        {
            var id = (_nextId++).ToString("x", CultureInfo.InvariantCulture);
            var message = new FakeGmailMessage(id, id, labelIds.Length == 0 ? ["INBOX"] : labelIds, raw, ++_historyId);
            _messages.Add(message);
            _history.Add(new FakeGmailChange(message.HistoryId, "messageAdded", message, []));
            return id;
        }
    }

    /// <summary>Deletes a message for good: reading it answers 404; the history gains a <c>messageDeleted</c> record.</summary>
    public void Delete(string id)
    {
        lock (_lock)
        {
            var message = _messages.Find(m => m.Id == id) ?? throw new InvalidOperationException($"No message {id}.");
            _messages.Remove(message);
            _history.Add(new FakeGmailChange(++_historyId, "messageDeleted", message, []));
        }
    }

    /// <summary>
    /// Adds and removes labels of a message (<c>TRASH</c> moves it to the trash, removing <c>INBOX</c> archives
    /// it); the history gains a <c>labelAdded</c> and a <c>labelRemoved</c> record for what changed.
    /// </summary>
    public void Relabel(string id, string[] add, string[] remove)
    {
        lock (_lock)
        {
            var index = _messages.FindIndex(m => m.Id == id);
            var message = _messages[index];
            var added = add.Except(message.LabelIds).ToList();
            var removed = remove.Intersect(message.LabelIds).ToList();
            message = message with { LabelIds = [.. message.LabelIds.Except(removed).Concat(added)] };
            _messages[index] = message;
            if (added.Count > 0)
            {
                _history.Add(new FakeGmailChange(++_historyId, "labelAdded", message, added));
            }

            if (removed.Count > 0)
            {
                _history.Add(new FakeGmailChange(++_historyId, "labelRemoved", message, removed));
            }
        }
    }

    /// <summary>Every history id given so far answers 404 from now on, as an expired one does at Gmail.</summary>
    public void ForgetHistory()
    {
        lock (_lock)
        {
            _forgottenBefore = ++_historyId;
        }
    }

    public long HistoryId
    {
        get
        {
            lock (_lock)
            {
                return _historyId;
            }
        }
    }

    /// <summary>The messages a listing shows, newest first; spam and trash only when asked, as Gmail's <c>includeSpamTrash</c>.</summary>
    internal IReadOnlyList<FakeGmailMessage> Listed(bool includeSpamTrash)
    {
        lock (_lock)
        {
            return [.. Enumerable.Reverse(_messages).Where(m => includeSpamTrash || !m.LabelIds.Any(label => label is "SPAM" or "TRASH"))];
        }
    }

    internal FakeGmailMessage? Find(string id)
    {
        lock (_lock)
        {
            return _messages.Find(message => message.Id == id);
        }
    }

    /// <summary>The changes after <paramref name="start"/> of the <paramref name="types"/>, oldest first; null when that history is no longer kept.</summary>
    internal IReadOnlyList<FakeGmailChange>? ChangesAfter(long start, IReadOnlyCollection<string> types)
    {
        lock (_lock)
        {
            return start < _forgottenBefore ? null : [.. _history.Where(change => change.HistoryId > start && types.Contains(change.Type))];
        }
    }
}
