namespace Datapunk.Lake.Formats.Mail;

/// <summary>An attachment as listed in an e-mail record; its bytes are never kept, only measured.</summary>
/// <param name="Name">The file name (RFC 2231 and encoded words decoded), when the part has one.</param>
/// <param name="MimeType">The lower-case content type, e.g. <c>application/pdf</c>.</param>
/// <param name="Size">The decoded size in bytes (base64 and quoted-printable undone).</param>
public sealed record MailAttachment(string? Name, string MimeType, long Size);
