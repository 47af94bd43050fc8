namespace Datapunk.Testing.Providers;

/// <summary>
/// One history record of <see cref="FakeGmailAccount"/>: its id, its type as <c>historyTypes</c> names it
/// (<c>messageAdded</c>, <c>messageDeleted</c>, <c>labelAdded</c>, <c>labelRemoved</c>), the message as it was
/// after the change, and the labels added or removed (none for the other types).
/// </summary>
internal sealed record FakeGmailChange(long HistoryId, string Type, FakeGmailMessage Message, IReadOnlyList<string> Labels)
{
    /// <summary>The history record's field for the change's type, as Gmail writes it (<c>messagesAdded</c>).</summary>
    public string Field => Type switch
    {
        "messageAdded" => "messagesAdded",
        "messageDeleted" => "messagesDeleted",
        "labelAdded" => "labelsAdded",
        _ => "labelsRemoved",
    };
}
