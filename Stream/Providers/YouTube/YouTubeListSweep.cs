using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// Reads a whole list of the account (its subscriptions, its liked videos) when it changed, page by page
/// (<c>maxResults=50</c>, following <c>nextPageToken</c>). YouTube gives no change token and documents no
/// order that would let a sweep stop at what it stored, so a changed list is read whole and its stored
/// records matched by identity; an unchanged one costs one conditional request: the first page asked
/// with the etag of the last sweep's first page (If-None-Match) answers 304. Each page's cursor keeps
/// the page token reached, so a sweep cut short goes on from the next page; a kept token YouTube no
/// longer takes (400) starts the sweep again, once per poll.
/// </summary>
internal static class YouTubeListSweep
{
    /// <summary>A list: its name in the cursor, its request (without page token), its records' format and how an item becomes one.</summary>
    public sealed record Kind(string Name, string Request, string FormatId, Func<JsonObject, string, PersonalRecord> Record);

    public static async IAsyncEnumerable<PolledPage> PagesAsync(
        ProviderClient client, Kind list, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (known, sweepETag, pageToken) = YouTubeCursor.List(cursor.Value!, list.Name);
        var kept = pageToken is not null;
        while (true)
        {
            var request = YouTubePage.At(list.Request, pageToken);
            JsonNode? body;
            try
            {
                body = pageToken is null && known is not null
                    ? await client.GetJsonUnlessMatchedAsync(request, known, cancellationToken)
                    : await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException refused) when (refused.Status == HttpStatusCode.BadRequest && kept)
            {
                (kept, pageToken, sweepETag) = (false, null, null);
                continue;
            }

            if (body is null)
            {
                // 304: the first page is what the last sweep read.
                yield break;
            }

            kept = false;
            var line = "GET " + client.Resolve(request).PathAndQuery;
            var page = YouTubePage.Of(body, line);
            var records = page.Items.Select(item => list.Record(item, line)).ToList();
            sweepETag = pageToken is null ? page.ETag : sweepETag;
            pageToken = page.NextPageToken;
            cursor.Value = pageToken is null
                ? YouTubeCursor.WithListSwept(cursor.Value!, list.Name, sweepETag)
                : YouTubeCursor.WithListSweep(cursor.Value!, list.Name, known, sweepETag, pageToken);
            yield return new PolledPage(YouTubeProvider.Source, list.FormatId, line, records, cursor.Value);
            if (pageToken is null)
            {
                yield break;
            }
        }
    }
}
