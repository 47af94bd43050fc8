namespace Datapunk.Lake.Formats.Mail;

/// <summary>What one message yielded: its top-level header fields, body text and attachment list.</summary>
public sealed record ParsedMail(
    IReadOnlyList<MailHeaderField> Headers,
    string PlainText,
    string HtmlText,
    bool TextTruncated,
    IReadOnlyList<MailAttachment> Attachments,
    int AttachmentsOmitted,
    IReadOnlyList<string> Problems)
{
    /// <summary>The first field of that name (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Every field of that name, in order (To and Cc may be repeated).</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
