using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Splits To/Cc fields into addresses on commas outside quotes, angle brackets and comments
/// (<c>"Doe, Jane" &lt;jane@x&gt;</c> is one address), then decodes encoded words per address:
/// decoding first would turn an encoded comma into a split.
/// </summary>
public static class MailAddressList
{
    public static List<string> Split(string field)
    {
        var addresses = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var angle = 0;
        var comment = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (quoted && c == '\\' && i + 1 < field.Length)
            {
                current.Append(c).Append(field[++i]);
                continue;
            }

            switch (c)
            {
                case '"' when comment == 0:
                    quoted = !quoted;
                    break;
                case '<' when !quoted && comment == 0:
                    angle++;
                    break;
                case '>' when !quoted && comment == 0 && angle > 0:
                    angle--;
                    break;
                case '(' when !quoted:
                    comment++;
                    break;
                case ')' when !quoted && comment > 0:
                    comment--;
                    break;
                case ',' when !quoted && angle == 0 && comment == 0:
                    Add(addresses, current);
                    continue;
            }

            current.Append(c);
        }

        Add(addresses, current);
        return addresses;
    }

    private static void Add(List<string> addresses, StringBuilder current)
    {
        var address = EncodedWords.Decode(current.ToString()).Trim();
        if (address.Length > 0)
        {
            addresses.Add(address);
        }

        current.Clear();
    }
}
