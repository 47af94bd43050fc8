namespace Datapunk.Lake.Formats.Mail;

/// <summary>What a leaf MIME part contributes to the record.</summary>
public enum MailPartKind
{
    /// <summary>Inline text/plain: the record's text.</summary>
    PlainText,

    /// <summary>Inline text/html: the record's text when the message has no plain part.</summary>
    Html,

    /// <summary>Anything with a file name, an attachment disposition or a non-text type: listed and measured.</summary>
    Attachment,
}
