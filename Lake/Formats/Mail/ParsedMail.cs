using System.Text;
using MimeKit;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>What one message yielded: its top-level header fields, body text and attachment list.</summary>
public sealed record ParsedMail(
    HeaderList Headers,
    string PlainText,
    string HtmlText,
    bool TextTruncated,
    IReadOnlyList<MailAttachment> Attachments,
    int AttachmentsOmitted,
    IReadOnlyList<string> Problems)
{
    /// <summary>The first field of that name (case-insensitive), unfolded with encoded words decoded, or null.</summary>
    public string? Header(string name) => Headers[name];

    /// <summary>The first field of that name as written (unfolded, encoded words left as they are), or null.</summary>
    public string? RawHeader(string name) =>
        Headers.FirstOrDefault(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } field
            ? MimeKit.Header.Unfold(Encoding.UTF8.GetString(field.RawValue)).Trim()
            : null;

    /// <summary>Every field of that name, in order (To and Cc may be repeated).</summary>
    public IEnumerable<Header> Fields(HeaderId id) => Headers.Where(h => h.Id == id);
}
