using System.Buffers;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.TextCodecs;
using MimeKit;
using MimeKit.Utils;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Turns a parsed message into an <see cref="RecordKind.Email"/> record. The identity (scheme 2)
/// hashes the Message-ID with the normalised text (<see cref="MailBodyText"/>): the same message in
/// two exports collides, two messages with equal headers and different bodies do not. Messages
/// without one (drafts, some spam) hash date, sender, subject and text. Both are computed from what
/// is stored (the text as kept, at most <see cref="MailMessageReader.MaxTextChars"/> characters), so
/// a migration can re-key stored rows. The raw message's place in the mbox is kept so it can be
/// fetched again without re-importing.
/// </summary>
public static class MailRecordFactory
{
    private static readonly SearchValues<char> NameSpecials = SearchValues.Create("()<>[]:;@\\,.\"");

    public static PersonalRecord Create(ParsedMail mail, long byteOffset, long byteLength, DateTime? envelopeDate)
    {
        var messageId = MessageId(mail.Header("Message-ID"));
        var dateHeader = mail.Header("Date");
        DateTime? occurredAt = MailDate.TryParse(dateHeader, out var date) ? date : envelopeDate;
        var from = mail.Header("From")?.Trim();
        var subject = mail.Header("Subject")?.Trim();
        var text = mail.PlainText.Trim().Length > 0
            ? HtmlText.Truncate(mail.PlainText.Trim(), MailMessageReader.MaxTextChars)
            : HtmlText.ToPlainText(mail.HtmlText, MailMessageReader.MaxTextChars);

        var source = new JsonObject
        {
            ["messageId"] = messageId,
            ["threadId"] = mail.Header("X-GM-THRID")?.Trim(),
            ["from"] = from,
            ["to"] = Strings(mail.Fields(HeaderId.To).SelectMany(Addresses)),
            ["cc"] = Strings(mail.Fields(HeaderId.Cc).SelectMany(Addresses)),
            ["labels"] = Strings(GmailLabels.Parse(mail.RawHeader("X-Gmail-Labels"))),
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

        var title = string.IsNullOrEmpty(subject) ? null : subject;
        var body = text.Length > 0 ? text : null;
        return new PersonalRecord
        {
            Kind = RecordKind.Email,
            Identity = messageId is not null
                ? RecordIdentity.FromContentV2("gmail", messageId, MailBodyText.Normalise(body))
                : RecordIdentity.FromContentV2("gmail", null, occurredAt, dateHeader, from, title, MailBodyText.Normalise(body)),
            OccurredAt = occurredAt,
            Title = title,
            Text = body,
            Source = source,
        };
    }

    /// <summary>The id without its angle brackets and whitespace; null when empty.</summary>
    private static string? MessageId(string? field)
    {
        var id = field?.Trim().TrimStart('<').TrimEnd('>').Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    /// <summary>Each mailbox of an address field (groups flattened); the decoded field as one entry when it does not parse.</summary>
    private static IEnumerable<string> Addresses(Header field) =>
        InternetAddressList.TryParse(ParserOptions.Default, field.RawValue, out var addresses)
            ? addresses.Mailboxes.Select(Display)
            : string.IsNullOrWhiteSpace(field.Value) ? [] : [field.Value.Trim()];

    /// <summary>
    /// <c>Name &lt;address&gt;</c> with the name quoted only when it holds a special character, as
    /// people write it; MimeKit's own rendering quotes every display name.
    /// </summary>
    private static string Display(MailboxAddress mailbox) =>
        string.IsNullOrWhiteSpace(mailbox.Name)
            ? mailbox.Address
            : $"{(mailbox.Name.AsSpan().IndexOfAny(NameSpecials) >= 0 ? MimeUtils.Quote(mailbox.Name) : mailbox.Name)} <{mailbox.Address}>";

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
