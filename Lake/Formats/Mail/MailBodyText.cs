using System.Text.RegularExpressions;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// A message's text as its identity hashes it: as stored (NUL characters and broken surrogates
/// cleaned), with CRLF and CR line breaks as LF, spaces and tabs at the end of each line removed
/// and line breaks at the end removed, so the same message saved with either line ending agrees.
/// Migration 0007's <c>pg_temp.mail_body_v2</c> is the same normalisation in SQL.
/// </summary>
internal static partial class MailBodyText
{
    public static string? Normalise(string? text)
    {
        if (TextSanitizer.Clean(text) is not { } clean)
        {
            return null;
        }

        var lines = clean.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return TrailingBlanks().Replace(lines, "").TrimEnd('\n');
    }

    [GeneratedRegex(@"[ \t]+(?=\n|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingBlanks();
}
