using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// An incremental synchronization: <c>GET users/me/history?startHistoryId=…&amp;historyTypes=messageAdded</c>
/// (and <c>messageDeleted</c>, <c>labelAdded</c>, <c>labelRemoved</c>), followed by <c>pageToken</c>; the
/// messages added since are read (<see cref="GmailMessages"/>), those added as drafts, spam or trash left
/// out as the full listing leaves them out; deletions and label changes mark the stored messages
/// (<see cref="GmailHistoryMarks"/>). Each page's cursor keeps
/// the page token reached; the last one's holds the answer's <c>historyId</c>, where the next poll starts.
/// A 404 is Google's documented answer to a history id it no longer keeps (about a week): the sweep stops
/// and says so through its <c>expired</c> box, for the provider to read the mailbox in full. A kept page
/// token Gmail no longer takes (400, after a long pause in the middle of a sweep) reads the history again
/// from its start id, once per poll: the messages stored before are matched by identity, none stored twice,
/// and the sync does not stick on that token (as <see cref="GmailListingSweep"/> does with its listing's).
/// </summary>
internal static class GmailHistorySweep
{
    private const string HistoryTypes = "historyTypes=messageAdded&historyTypes=messageDeleted&historyTypes=labelAdded&historyTypes=labelRemoved";

    public static async IAsyncEnumerable<PolledPage> PagesAsync(
        ProviderClient client, GmailCursor position, StrongBox<bool> expired, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (start, pageToken) = (position.HistoryId!, position.HistoryPageToken);
        var kept = pageToken is not null;
        while (true)
        {
            // 25 history records a page, as the listing's 25 messages: each added message is one more request within the poll's budget.
            var request = $"users/me/history?startHistoryId={Uri.EscapeDataString(start)}&{HistoryTypes}&maxResults=25";
            request = pageToken is null ? request : $"{request}&pageToken={Uri.EscapeDataString(pageToken)}";
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException notFound) when (notFound.Status == HttpStatusCode.NotFound)
            {
                expired.Value = true;
                yield break;
            }
            catch (ProviderResponseException refused) when (refused.Status == HttpStatusCode.BadRequest && kept)
            {
                (kept, pageToken) = (false, null);
                continue;
            }

            kept = false;
            var line = "GET " + client.Resolve(request).PathAndQuery;
            var records = await GmailMessages.ReadAsync(client, Added(body, line), cancellationToken);
            pageToken = ProviderJson.Text(body["nextPageToken"]);
            var next = pageToken is null ? new GmailCursor(GmailJson.HistoryId(body, line), null, null) : new GmailCursor(start, null, pageToken);
            yield return new PolledPage(GmailProvider.Source, GmailProvider.FormatId, line, records, next.ToJson())
            {
                Marks = GmailHistoryMarks.Read(body, line),
                ProviderIdKey = GmailHistoryMarks.IdKey,
            };
            if (pageToken is null)
            {
                yield break;
            }
        }
    }

    /// <summary>The ids of the messages added, once each, in history order.</summary>
    private static List<string> Added(JsonNode body, string line) =>
        [.. GmailJson.Objects(body, "history", line)
            .SelectMany(record => GmailJson.Objects(record, "messagesAdded", line))
            .Select(added => added["message"] as JsonObject ?? throw new ProviderResponseException($"A messagesAdded entry of {line} has no message."))
            .Where(message => !GmailMessage.IsLeftOut(GmailJson.LabelIds(message)))
            .Select(message => GmailJson.MessageId(message, line))
            .Distinct(StringComparer.Ordinal)];
}
