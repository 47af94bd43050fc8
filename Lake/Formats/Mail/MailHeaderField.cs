namespace Datapunk.Lake.Formats.Mail;

/// <summary>One unfolded header field; the value is raw (encoded words are decoded by whoever reads the field).</summary>
public readonly record struct MailHeaderField(string Name, string Value);
