using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A mailbox and calendar of <see cref="FakeMicrosoftGraph"/>. The calendar view holds single events,
/// occurrences and exceptions of series as Graph lists them (a test puts each instance: the fake expands
/// no rules), a series' master is readable by id only; mail folders hold messages (their MIME). Every
/// change takes the account's next sequence number, which the fake's delta tokens count from, as Graph's
/// delta rounds return what changed since: items added or changed, and <c>@removed</c> ones.
/// </summary>
public sealed class FakeMicrosoftAccount(string userPrincipalName, string displayName)
{
    internal const string Calendar = "calendar";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Collection, string Id), (long Sequence, JsonObject? Item)> _entries = [];
    private readonly Dictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mime = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(["inbox", "sentitems", "drafts", "deleteditems", "junkemail"], StringComparer.Ordinal);
    private long _sequence;
    private int _nextMessage;

    public string Id { get; } = Guid.NewGuid().ToString();

    public string UserPrincipalName { get; } = userPrincipalName;

    public string DisplayName { get; } = displayName;

    /// <summary>Adds or replaces an event by its <c>id</c>; a <c>seriesMaster</c> is readable by id but not listed by the calendar view.</summary>
    public FakeMicrosoftAccount PutEvent(JsonObject resource)
    {
        lock (_lock)
        {
            var sequence = ++_sequence;
            var id = resource["id"]!.GetValue<string>();
            resource["lastModifiedDateTime"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(sequence).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            _events[id] = resource;
            if (resource["type"]?.GetValue<string>() != "seriesMaster")
            {
                _entries[(Calendar, id)] = (sequence, resource);
            }
        }

        return this;
    }

    /// <summary>Deletes an event: the next delta round lists it as <c>@removed</c>.</summary>
    public FakeMicrosoftAccount DeleteEvent(string id)
    {
        lock (_lock)
        {
            _events.Remove(id);
            _entries[(Calendar, id)] = (++_sequence, null);
        }

        return this;
    }

    /// <summary>Makes a well-known folder exist (Archive does not until the mailbox has one).</summary>
    public FakeMicrosoftAccount Folder(string name)
    {
        lock (_lock)
        {
            _folders.Add(name);
        }

        return this;
    }

    /// <summary>Adds a message (its MIME, CRLF line breaks) to <paramref name="folder"/>; returns its id.</summary>
    public string AddMessage(string folder, string mime, bool isDraft = false)
    {
        lock (_lock)
        {
            var id = $"AAMkAGI2TG93AAA{++_nextMessage:D4}=";
            _mime[id] = mime;
            _entries[(MailCollection(folder), id)] = (++_sequence, new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.message",
                ["@odata.etag"] = $"W/\"CQAAABYAAAA{_sequence}\"",
                ["id"] = id,
                ["receivedDateTime"] = "2026-01-01T10:00:00Z",
                ["isDraft"] = isDraft,
                ["conversationId"] = "AAQkAGI2TG93" + _nextMessage.ToString(CultureInfo.InvariantCulture),
            });
            return id;
        }
    }

    /// <summary>
    /// Moves a message to <paramref name="folder"/> (deleted in Outlook: to Deleted Items; restored: back):
    /// the next delta round of its folder lists it as <c>@removed</c>, the new folder's as a new message under
    /// a new id, as Graph's ids change with the folder unless immutable ids are asked for. Returns the new id.
    /// </summary>
    public string MoveMessage(string id, string folder)
    {
        string mime;
        lock (_lock)
        {
            mime = _mime[id];
        }

        DeleteMessage(id);
        return AddMessage(folder, mime);
    }

    /// <summary>Changes a message without touching its MIME (marked read): the next delta round lists it again.</summary>
    public void MarkRead(string id)
    {
        lock (_lock)
        {
            var key = _entries.Keys.Single(k => k.Id == id && k.Collection != Calendar);
            _entries[key] = (++_sequence, _entries[key].Item);
        }
    }

    /// <summary>Deletes a message for good: reading it answers 404, the next delta round lists it as <c>@removed</c>.</summary>
    public void DeleteMessage(string id)
    {
        lock (_lock)
        {
            _mime.Remove(id);
            var key = _entries.Keys.Single(k => k.Id == id && k.Collection != Calendar);
            _entries[key] = (++_sequence, null);
        }
    }

    internal long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    internal bool HasFolder(string name)
    {
        lock (_lock)
        {
            return _folders.Contains(name);
        }
    }

    internal JsonObject? Event(string id)
    {
        lock (_lock)
        {
            return _events.GetValueOrDefault(id)?.DeepClone().AsObject();
        }
    }

    internal string? Mime(string id)
    {
        lock (_lock)
        {
            return _mime.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// The collection's entries in id order: without <paramref name="since"/> the current items, with it those
    /// changed after it (removed ones as <c>{"@removed": {"reason": "deleted"}, "id"}</c>).
    /// </summary>
    internal IReadOnlyList<JsonObject> Changes(string collection, long? since)
    {
        lock (_lock)
        {
            return [.. _entries
                .Where(e => e.Key.Collection == collection && (since is { } after ? e.Value.Sequence > after : e.Value.Item is not null))
                .OrderBy(e => e.Key.Id, StringComparer.Ordinal)
                .Select(e => e.Value.Item?.DeepClone().AsObject() ?? new JsonObject { ["@removed"] = new JsonObject { ["reason"] = "deleted" }, ["id"] = e.Key.Id })];
        }
    }

    /// <summary>The collection name of a mail folder's messages.</summary>
    internal static string MailCollection(string folder) => "mail:" + folder;
}
