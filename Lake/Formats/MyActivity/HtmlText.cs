using System.Text;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>Whitespace rules of the HTML exports: no-break (U+00A0), em (U+2003) and narrow spaces are layout, not content.</summary>
public static class HtmlText
{
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
