using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// The messages of the mailbox's well-known folders <see cref="Folders"/> by each folder's delta query
/// (<c>GET me/mailFolders/{folder}/messages/delta?$select=…</c>, <see cref="GraphDeltaSweep"/>), every
/// new or changed message then read whole as MIME (<c>GET me/messages/{id}/$value</c>) and made the
/// record the Takeout mbox import makes of it (<see cref="PolledMail"/>). Drafts, Deleted Items and Junk
/// Email are not read, as Gmail's spam, trash and drafts are not; a draft met elsewhere is left out too.
/// A removed message (<c>@removed</c>: deleted, or moved out of the folder) keeps its record, marked deleted
/// at the source (found by the <c>graphId</c> its source keeps); a message seen again (moved to another
/// folder read) clears the mark. A message deleted between its listing and its reading (404) is skipped.
/// </summary>
internal static class GraphMailFolders
{
    public const string FormatId = "microsoft.graph.messages";

    /// <summary>
    /// Inbox, Sent Items and Archive (a mailbox without an Archive folder answers 404, and the folder is
    /// skipped). Other folders, and folders under these, are not read (docs/sources.md).
    /// </summary>
    public static readonly IReadOnlyList<string> Folders = ["inbox", "sentitems", "archive"];

    // Each message is a request of its own: a page is read and stored within one poll's budget
    // (ConnectionPoller.Budget, 25 s) or the poll never gets past it, so a page holds 25, as Gmail's.
    private const int PageSize = 25;

    /// <summary>The key of the record's source that keeps the message's Graph id.</summary>
    private const string IdKey = "graphId";

    private const string Select = "$select=id,isDraft,receivedDateTime,conversationId";

    public static async IAsyncEnumerable<PolledPage> PagesAsync(
        ProviderClient client, string folder, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = $"me/mailFolders/{folder}/messages/delta?{Select}";
        var optional = folder != "inbox" && folder != "sentitems";
        var reader = new MailMessageReader();
        await foreach (var page in GraphDeltaSweep.PagesAsync(client, GraphCursor.FolderOf(cursor.Value!, folder), first, PageSize, optional, cancellationToken))
        {
            var records = new List<PersonalRecord>();
            foreach (var message in page.Entries.Where(entry => !GraphDeltaPage.IsRemoved(entry) && !IsDraft(entry)))
            {
                if (await RecordAsync(client, message, folder, reader, page.Request, cancellationToken) is { } record)
                {
                    records.Add(record);
                }
            }

            cursor.Value = GraphCursor.WithFolder(cursor.Value!, folder, page.Link);
            yield return new PolledPage(MicrosoftGraphProvider.Source, FormatId, page.Request, records, cursor.Value)
            {
                Marks = [.. GraphDeltaPage.Removals(page, RecordKind.Email)],
                ProviderIdKey = IdKey,
            };
        }
    }

    /// <summary>The message's record from its MIME, or null when it was deleted before it was read.</summary>
    private static async Task<PersonalRecord?> RecordAsync(
        ProviderClient client, JsonObject message, string folder, MailMessageReader reader, string listing, CancellationToken cancellationToken)
    {
        var id = ProviderJson.Text(message["id"]) is { Length: > 0 } listed ? listed : throw new ProviderResponseException($"A message of {listing} has no id.");
        var request = $"me/messages/{Uri.EscapeDataString(id)}/$value";
        byte[] mime;
        try
        {
            mime = await client.GetBytesAsync(request, cancellationToken);
        }
        catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        var received = DateTimeOffset.TryParse(ProviderJson.Text(message["receivedDateTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : (DateTime?)null;
        var record = await PolledMail.RecordAsync(mime, reader, received, $"The MIME of the message '{id}' (GET {client.Resolve(request).PathAndQuery})", cancellationToken);
        record.Source![IdKey] = id;
        record.Source["conversationId"] = ProviderJson.Text(message["conversationId"]);
        record.Source["folder"] = folder;
        return record;
    }

    private static bool IsDraft(JsonObject message) => message["isDraft"] is JsonValue flag && flag.TryGetValue<bool>(out var draft) && draft;
}
