using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// The removals and label changes of a history page as marks on the stored messages (<see cref="SourceMark"/>),
/// found by the <c>gmailId</c> their source keeps, in history order: a message deleted (<c>messagesDeleted</c>)
/// is marked <c>deleted</c>; a label added or removed (<c>labelsAdded</c>, <c>labelsRemoved</c>) gives the
/// message's labels as they now are (the entry's <c>message.labelIds</c>), which the record's source takes,
/// and the message is marked <c>trash</c> or <c>spam</c> while it has that label, unmarked once it has neither
/// (taken out of the trash or the spam). The archive keeps a message deleted or trashed at Gmail.
/// </summary>
internal static class GmailHistoryMarks
{
    /// <summary>The key of a polled message's source that keeps its Gmail id.</summary>
    public const string IdKey = "gmailId";

    public static List<SourceMark> Read(JsonNode body, string request)
    {
        var marks = new List<SourceMark>();
        foreach (var history in GmailJson.Objects(body, "history", request))
        {
            marks.AddRange(Messages(history, "labelsAdded", request).Concat(Messages(history, "labelsRemoved", request)).Select(message => Relabelled(message, request)));
            marks.AddRange(Messages(history, "messagesDeleted", request)
                .Select(message => SourceMark.ByProviderId(RecordKind.Email, GmailJson.MessageId(message, request), "deleted")));
        }

        return marks;
    }

    private static IEnumerable<JsonObject> Messages(JsonObject history, string field, string request) =>
        GmailJson.Objects(history, field, request)
            .Select(entry => entry["message"] as JsonObject ?? throw new ProviderResponseException($"A {field} entry of {request} has no message."));

    private static SourceMark Relabelled(JsonObject message, string request)
    {
        var labels = GmailJson.LabelIds(message);
        var reason = labels.Contains("TRASH") ? "trash" : labels.Contains("SPAM") ? "spam" : null;
        return SourceMark.ByProviderId(RecordKind.Email, GmailJson.MessageId(message, request), reason) with
        {
            Source = new JsonObject { ["labelIds"] = new JsonArray([.. labels.Select(label => (JsonNode?)JsonValue.Create(label))]) },
        };
    }
}
