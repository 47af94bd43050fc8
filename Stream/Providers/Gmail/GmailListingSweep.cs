using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// A full synchronization, as Google's sync guide has it: the mailbox's history id is read first
/// (<c>GET users/me/profile</c>), so what arrives during the listing is found by the next incremental
/// synchronization, then <c>GET users/me/messages?maxResults=25</c> is followed by <c>pageToken</c> and
/// every listed message read (<see cref="GmailMessages"/>). Google's default is kept: the listing leaves
/// out SPAM and TRASH. Each page's cursor keeps the page token reached, so a listing cut short goes on
/// from the next page; the last page's cursor holds only the history id. A kept page token Gmail no
/// longer takes (400, after a long pause) starts the listing again, once per poll: what was stored
/// already is matched by identity, so nothing is stored twice and the sync does not stick there.
/// </summary>
internal static class GmailListingSweep
{
    // A page is read and stored within one poll's budget (ConnectionPoller.Budget, 25 s) or the poll
    // never gets past it: its messages are read one request each, so a page holds 25.
    private const string Query = "users/me/messages?maxResults=25";

    public static async IAsyncEnumerable<PolledPage> PagesAsync(ProviderClient client, GmailCursor position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (historyId, pageToken) = (position.HistoryId, position.ListPageToken);
        var kept = pageToken is not null;
        if (!kept)
        {
            historyId = (await GmailProfile.ReadAsync(client, cancellationToken)).HistoryId;
        }

        while (true)
        {
            var request = pageToken is null ? Query : $"{Query}&pageToken={Uri.EscapeDataString(pageToken)}";
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException refused) when (refused.Status == HttpStatusCode.BadRequest && kept)
            {
                (kept, pageToken) = (false, null);
                historyId = (await GmailProfile.ReadAsync(client, cancellationToken)).HistoryId;
                continue;
            }

            kept = false;
            var line = "GET " + client.Resolve(request).PathAndQuery;
            var listed = GmailJson.Objects(body, "messages", line).Select(message => GmailJson.MessageId(message, line)).ToList();
            var records = await GmailMessages.ReadAsync(client, listed, cancellationToken);
            pageToken = ProviderJson.Text(body["nextPageToken"]);
            yield return new PolledPage(GmailProvider.Source, GmailProvider.FormatId, line, records, new GmailCursor(historyId, pageToken, null).ToJson());
            if (pageToken is null)
            {
                yield break;
            }
        }
    }
}
