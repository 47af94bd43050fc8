using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// One Graph delta round, for the calendar view and the mail folders alike: from the kept link (a
/// <c>nextLink</c> to go on with, a <c>deltaLink</c> to ask what changed) or, without one, the first
/// request; then each page's <c>@odata.nextLink</c> until a page gives the <c>@odata.deltaLink</c>.
/// A kept link Graph no longer takes (410 Gone: <c>syncStateNotFound</c>, <c>resyncRequired</c>) starts
/// the round again from the first request, once per poll: what was stored already is matched by identity.
/// Pages are asked with <c>Prefer: odata.maxpagesize</c>, so a page is read and stored within a poll's budget.
/// </summary>
internal static class GraphDeltaSweep
{
    /// <summary>
    /// The round's pages. <paramref name="optional"/>: a 404 to the first request (a well-known folder the
    /// mailbox does not have) ends the round with no page.
    /// </summary>
    public static async IAsyncEnumerable<GraphDeltaPage> PagesAsync(
        ProviderClient client, GraphDeltaLink? kept, string firstRequest, int pageSize, bool optional, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string> { ["Prefer"] = $"odata.maxpagesize={pageSize}" };
        var (link, restarted) = (kept?.Url ?? firstRequest, false);
        while (true)
        {
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(link, headers, cancellationToken);
            }
            catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.Gone && !restarted)
            {
                (link, restarted) = (firstRequest, true);
                continue;
            }
            catch (ProviderResponseException missing) when (missing.Status == HttpStatusCode.NotFound && optional && link == firstRequest)
            {
                yield break;
            }

            var line = "GET " + client.Resolve(link).PathAndQuery;
            var entries = ProviderJson.Objects(body, "value", MicrosoftGraphProvider.ProviderTitle, line);
            var next = ProviderJson.Text(body["@odata.nextLink"]);
            var delta = ProviderJson.Text(body["@odata.deltaLink"]);
            if (next is null && delta is null)
            {
                throw new ProviderResponseException($"Microsoft Graph's answer to {line} has neither an @odata.nextLink nor an @odata.deltaLink.");
            }

            yield return new GraphDeltaPage(entries, line, next, delta);
            if (next is null)
            {
                yield break;
            }

            link = next;
        }
    }
}
