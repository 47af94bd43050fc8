using System.Text;
using MimeKit.Utils;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// <c>X-Gmail-Labels: Inbox,Important,"Category Personal",=?UTF-8?Q?Ge=C3=B6ffnet?=</c>: Gmail
/// sometimes encodes the whole field as one encoded word with the commas inside, so encoded words are
/// decoded before splitting; labels containing commas are quoted.
/// </summary>
public static class GmailLabels
{
    public static List<string> Parse(string? field)
    {
        var labels = new List<string>();
        if (string.IsNullOrWhiteSpace(field))
        {
            return labels;
        }

        var text = Rfc2047.DecodeText(Encoding.UTF8.GetBytes(field));
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                Add(labels, current);
            }
            else
            {
                current.Append(c);
            }
        }

        Add(labels, current);
        return labels;
    }

    private static void Add(List<string> labels, StringBuilder current)
    {
        var label = current.ToString().Trim();
        if (label.Length > 0)
        {
            labels.Add(label);
        }

        current.Clear();
    }
}
