using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Turns a parsed message into an <see cref="RecordKind.Email"/> record. Identity is the Message-ID
/// (the same message in two exports collides); messages without one (drafts, some spam) are hashed
/// from date, sender and subject. The raw message's place in the mbox is kept so it can be fetched
/// again without re-importing.
/// </summary>
public static class MailRecordFactory
{
    public static PersonalRecord Create(ParsedMail mail, long byteOffset, long byteLength, DateTime? envelopeDate)
    {
        var messageId = MessageId(mail.Header("Message-ID"));
        var dateHeader = mail.Header("Date");
        DateTime? occurredAt = MailDate.TryParse(dateHeader, out var date) ? date : envelopeDate;
        var from = mail.Header("From") is { } fromField ? EncodedWords.Decode(fromField).Trim() : null;
        var subject = mail.Header("Subject") is { } subjectField ? EncodedWords.Decode(subjectField).Trim() : null;
        var text = mail.PlainText.Trim().Length > 0
            ? HtmlText.Truncate(mail.PlainText.Trim(), MailMessageParser.MaxTextChars)
            : HtmlText.ToPlainText(mail.HtmlText, MailMessageParser.MaxTextChars);

        var source = new JsonObject
        {
            ["messageId"] = messageId,
            ["threadId"] = mail.Header("X-GM-THRID")?.Trim(),
            ["from"] = from,
            ["to"] = Strings(mail.HeaderValues("To").SelectMany(MailAddressList.Split)),
            ["cc"] = Strings(mail.HeaderValues("Cc").SelectMany(MailAddressList.Split)),
            ["labels"] = Strings(GmailLabels.Parse(mail.Header("X-Gmail-Labels"))),
            ["date"] = dateHeader,
            ["byteOffset"] = byteOffset,
            ["byteLength"] = byteLength,
            ["attachments"] = new JsonArray([.. mail.Attachments.Select(a => (JsonNode?)new JsonObject
            {
                ["name"] = a.Name,
                ["mimeType"] = a.MimeType,
                ["size"] = a.Size,
            })]),
        };
        if (mail.TextTruncated)
        {
            source["textTruncated"] = true;
        }

        if (mail.AttachmentsOmitted > 0)
        {
            source["attachmentsOmitted"] = mail.AttachmentsOmitted;
        }

        return new PersonalRecord
        {
            Kind = RecordKind.Email,
            Identity = messageId is not null
                ? RecordIdentity.Native("gmail", messageId)
                : RecordIdentity.FromContent("gmail", (object?)occurredAt ?? dateHeader, from, subject),
            OccurredAt = occurredAt,
            Title = string.IsNullOrEmpty(subject) ? null : subject,
            Text = text.Length > 0 ? text : null,
            Source = source,
        };
    }

    /// <summary>The id without its angle brackets and whitespace; null when empty.</summary>
    private static string? MessageId(string? field)
    {
        var id = field?.Trim().TrimStart('<').TrimEnd('>').Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
