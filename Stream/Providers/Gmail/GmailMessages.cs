using System.Net;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// Reads listed messages one by one, <c>GET users/me/messages/{id}?format=raw</c>, into records
/// (<see cref="GmailMessage"/>). A message deleted between its listing and its reading (404) is skipped:
/// there is nothing left to store. One reader serves a page's messages, as one serves an mbox's.
/// </summary>
internal static class GmailMessages
{
    public static async Task<IReadOnlyList<PersonalRecord>> ReadAsync(ProviderClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var reader = new MailMessageReader();
        var records = new List<PersonalRecord>();
        foreach (var id in ids)
        {
            var request = $"users/me/messages/{Uri.EscapeDataString(id)}?format=raw";
            JsonNode body;
            try
            {
                body = await client.GetJsonAsync(request, cancellationToken);
            }
            catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
            {
                continue;
            }

            if (await GmailMessage.RecordAsync(body, reader, "GET " + client.Resolve(request).PathAndQuery, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
