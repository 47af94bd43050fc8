using Datapunk.Lake.Formats.Mail;

namespace Datapunk.Streams.Providers;

/// <summary>
/// A message's RFC 822 bytes, as a mail API gives them (Gmail's <c>raw</c>, Microsoft Graph's
/// <c>$value</c>), to the <see cref="RecordKind.Email"/> record the Takeout mbox import makes of the
/// same message: the Lake's <see cref="MailMessageReader"/> and <see cref="MailRecordFactory"/>, no second
/// MIME parser, so the identity, title, text, time and the reader's limits are the import's and a
/// message both imported and polled is stored once. The mbox byte range is left out: there is no mbox.
/// </summary>
internal static class PolledMail
{
    /// <summary>
    /// The record of <paramref name="rfc822"/>; <paramref name="receivedAt"/> is its time when it has no
    /// readable Date (an mbox has its envelope's), <paramref name="what"/> names the bytes in errors.
    /// </summary>
    public static async Task<PersonalRecord> RecordAsync(
        byte[] rfc822, MailMessageReader reader, DateTime? receivedAt, string what, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(rfc822, writable: false);
        var mail = await reader.ReadAsync(content, cancellationToken)
            ?? throw new ProviderResponseException($"{what} is not an RFC 822 message: it has no header fields.");
        var record = MailRecordFactory.Create(mail, 0, rfc822.Length, receivedAt);
        record.Source!.Remove("byteOffset");
        record.Source.Remove("byteLength");
        return record;
    }
}
