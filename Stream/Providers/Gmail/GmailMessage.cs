using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Mail;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// One message resource read with <c>format=raw</c> to one <see cref="RecordKind.Email"/> record, the
/// one the Takeout mbox import makes of the same message: <c>raw</c> (the RFC 822 bytes, base64url) goes
/// through the Lake's <see cref="MailMessageReader"/> and <see cref="MailRecordFactory"/> (<see cref="PolledMail"/>), so the
/// identity (Message-ID and normalised text), title, text, time and the reader's limits (text cut at
/// 64k characters, attachments only as name, type and size) are the import's, and a message both
/// imported and polled is stored once. The source gains Gmail's id, its label ids and the thread id in
/// the decimal form Takeout's X-GM-THRID has; it loses the mbox byte range, as there is no mbox.
/// </summary>
internal static class GmailMessage
{
    /// <summary>
    /// Drafts (each saved version is a new message), spam and trash are left out, as the listing leaves
    /// out spam and trash by Google's default: a poll stores what the mailbox shows.
    /// </summary>
    private static readonly HashSet<string> LeftOutLabels = new(["DRAFT", "SPAM", "TRASH"], StringComparer.Ordinal);

    public static bool IsLeftOut(IReadOnlyList<string> labelIds) => labelIds.Any(LeftOutLabels.Contains);

    /// <summary>The message's record, or null for one left out (<see cref="IsLeftOut"/>).</summary>
    public static async Task<PersonalRecord?> RecordAsync(JsonNode body, MailMessageReader reader, string request, CancellationToken cancellationToken)
    {
        if (body is not JsonObject message)
        {
            throw new ProviderResponseException($"Gmail's answer to {request} is not a JSON object.");
        }

        var id = GmailJson.MessageId(message, request);
        var labelIds = GmailJson.LabelIds(message);
        if (IsLeftOut(labelIds))
        {
            return null;
        }

        var record = await PolledMail.RecordAsync(Raw(message, id, request), reader, InternalDate(message), $"The raw of the message '{id}' of {request}", cancellationToken);
        var source = record.Source!;
        source[GmailHistoryMarks.IdKey] = id;
        source["threadId"] = ThreadId(message) ?? source["threadId"]?.DeepClone();
        source["labelIds"] = new JsonArray([.. labelIds.Select(label => (JsonNode?)JsonValue.Create(label))]);
        return record;
    }

    /// <summary><c>raw</c>: base64url (RFC 4648 §5), with or without padding.</summary>
    private static byte[] Raw(JsonObject message, string id, string request)
    {
        var raw = ProviderJson.Text(message["raw"])
            ?? throw new ProviderResponseException($"The message '{id}' of {request} has no raw (was it asked with format=raw?).");
        try
        {
            return Base64Url.DecodeFromChars(raw);
        }
        catch (FormatException invalid)
        {
            throw new ProviderResponseException($"The raw of the message '{id}' of {request} is not base64url.", invalid);
        }
    }

    /// <summary>When Gmail received the message (milliseconds since 1970): the time of a message without a readable Date, as an mbox has its envelope's.</summary>
    private static DateTime? InternalDate(JsonObject message) =>
        long.TryParse(ProviderJson.Text(message["internalDate"]), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime
            : null;

    /// <summary>Gmail's thread id is the hexadecimal form of the number Takeout writes in X-GM-THRID (and IMAP calls X-GM-THRID).</summary>
    private static string? ThreadId(JsonObject message) =>
        ulong.TryParse(ProviderJson.Text(message["threadId"]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var thread)
            ? thread.ToString(CultureInfo.InvariantCulture)
            : null;
}
