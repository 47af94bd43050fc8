using System.Net;
using System.Text;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Reduces HTML (mail bodies without a plain part, Google Calendar descriptions) to searchable text:
/// tags dropped, block elements as line breaks, script and style content removed, entities decoded,
/// whitespace collapsed. It is not a renderer; it only has to keep the words. The My Activity HTML
/// parser, which walks the tags itself, uses only the whitespace rules (<see cref="CollapseWhitespace"/>).
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> BlockTags =
    [
        "br", "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
        "section", "article", "header", "footer", "dt", "dd",
    ];

    private static readonly HashSet<string> HiddenTags = ["script", "style", "title", "head"];

    /// <summary>True when the text contains at least one common HTML tag (so plain text with a stray '&lt;' is left alone).</summary>
    public static bool LooksLikeHtml(string text)
    {
        var at = text.IndexOf('<');
        while (at >= 0 && at < text.Length - 1)
        {
            var name = TagName(text, at + 1, out _);
            if (name is not null && (BlockTags.Contains(name) || name is "a" or "b" or "i" or "u" or "span" or "strong" or "em" or "html" or "body" or "font" or "img"))
            {
                return true;
            }

            at = text.IndexOf('<', at + 1);
        }

        return false;
    }

    /// <summary>The text of an HTML fragment.</summary>
    /// <param name="html">The HTML.</param>
    /// <param name="maxChars">The longest text returned.</param>
    /// <param name="keepLineBreaks">
    /// Keep raw line breaks as breaks. In real HTML they are only whitespace, but calendar descriptions
    /// mix plain lines with a few tags, and there the lines are the structure.
    /// </param>
    public static string ToPlainText(string html, int maxChars, bool keepLineBreaks = false)
    {
        var text = new StringBuilder(Math.Min(html.Length, maxChars * 2));
        var i = 0;
        while (i < html.Length && text.Length < maxChars * 2)
        {
            var c = html[i];
            if (c != '<')
            {
                text.Append(c is '\r' or '\t' || (c == '\n' && !keepLineBreaks) ? ' ' : c);
                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            var name = TagName(html, i + 1, out var closing);
            if (name is null)
            {
                text.Append(c);
                i++;
                continue;
            }

            var end = TagEnd(html, i + 1);
            if (!closing && HiddenTags.Contains(name))
            {
                var closeTag = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                if (closeTag >= 0)
                {
                    end = TagEnd(html, closeTag + 2);
                }
            }

            // A block boundary is one line break however many tags meet there; only <br> stacks.
            if (name == "br" || (BlockTags.Contains(name) && !AtLineStart(text)))
            {
                text.Append('\n');
            }
            else if (name is "td" or "th")
            {
                text.Append(' ');
            }

            i = end;
        }

        return Normalise(WebUtility.HtmlDecode(text.ToString()), maxChars);
    }

    /// <summary>Collapses runs of spaces, trims lines and keeps at most one empty line in a row.</summary>
    public static string Normalise(string text, int maxChars)
    {
        var result = new StringBuilder(Math.Min(text.Length, maxChars));
        var blankLines = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = CollapseSpaces(rawLine);
            if (line.Length == 0)
            {
                blankLines++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blankLines > 0 ? "\n\n" : "\n");
            }

            blankLines = 0;
            result.Append(line);
            if (result.Length >= maxChars)
            {
                break;
            }
        }

        return Truncate(result.ToString(), maxChars);
    }

    /// <summary>
    /// One line of text from an HTML cell: every run of whitespace, line breaks and layout spaces
    /// (no-break U+00A0, em U+2003, narrow) included, becomes one space; none at either end.
    /// </summary>
    public static string CollapseWhitespace(string text) => Collapse(text, anyWhitespace: true);

    /// <summary>Cuts text to a length without splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..cut];
    }

    private static bool AtLineStart(StringBuilder text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] != ' ')
            {
                return text[i] == '\n';
            }
        }

        return true;
    }

    /// <summary>Collapses the spaces within one line of text; other Unicode spaces are kept as written.</summary>
    private static string CollapseSpaces(string line) => Collapse(line, anyWhitespace: false);

    private static string Collapse(string text, bool anyWhitespace)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (anyWhitespace ? char.IsWhiteSpace(c) : c is ' ' or '\t' or '\r' or '\u00A0' or '\f' or '\v')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? TagName(string html, int at, out bool closing)
    {
        closing = at < html.Length && html[at] == '/';
        var start = closing ? at + 1 : at;
        var end = start;
        while (end < html.Length && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }

        if (end == start || !char.IsAsciiLetter(html[start]))
        {
            return null;
        }

        return html[start..end].ToLowerInvariant();
    }

    /// <summary>The index after the '>' that closes the tag, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int at)
    {
        char? quote = null;
        var previous = ' ';
        for (var i = at; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            // Only a quote that opens an attribute value counts: an apostrophe in an unquoted value does not.
            if (c is '"' or '\'' && previous == '=')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }

            if (!char.IsWhiteSpace(c))
            {
                previous = c;
            }
        }

        return html.Length;
    }
}
