using System.Net;
using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Reads one activity cell's markup into lines per part. A small tag scanner, not a DOM: a cell is
/// a few hundred bytes of machine-written markup with a fixed vocabulary (div, p, br, a, b, img),
/// files hold millions of them, and the closing tags are not always balanced.
/// </summary>
public sealed class HtmlCellParser
{
    private readonly HtmlCellContent _content = new();
    private List<HtmlLine>? _part;
    private int _partDepth = -1;
    private int _depth;
    private HtmlLine? _line;
    private StringBuilder? _linkText;
    private string? _linkHref;
    private StringBuilder? _boldText;

    private HtmlCellParser()
    {
    }

    public static HtmlCellContent Parse(string html)
    {
        var parser = new HtmlCellParser();
        parser.Run(html);
        return parser._content;
    }

    private void Run(string html)
    {
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            var textEnd = open < 0 ? html.Length : open;
            if (textEnd > i)
            {
                AddText(html.AsSpan(i, textEnd - i));
            }

            if (open < 0)
            {
                return;
            }

            if (html.AsSpan(open).StartsWith("<!--"))
            {
                var endComment = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }

            var close = TagEnd(html, open);
            if (close < 0)
            {
                return;
            }

            i = OnTag(html, open + 1, close);
        }
    }

    /// <summary>Handles the tag between <paramref name="start"/> and <paramref name="end"/>; returns where scanning goes on.</summary>
    private int OnTag(string html, int start, int end)
    {
        var tag = html.AsSpan(start, end - start);
        var closing = tag.Length > 0 && tag[0] == '/';
        var nameStart = closing ? 1 : 0;
        var nameLength = 0;
        while (nameStart + nameLength < tag.Length && char.IsAsciiLetterOrDigit(tag[nameStart + nameLength]))
        {
            nameLength++;
        }

        var name = tag.Slice(nameStart, nameLength);
        if (name.Equals("div", StringComparison.OrdinalIgnoreCase))
        {
            OnDiv(closing, tag);
        }
        else if (name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("p", StringComparison.OrdinalIgnoreCase)
            || name.Equals("li", StringComparison.OrdinalIgnoreCase) || name.Equals("tr", StringComparison.OrdinalIgnoreCase))
        {
            _line = null;
        }
        else if (name.Equals("a", StringComparison.OrdinalIgnoreCase))
        {
            OnLink(closing, tag);
        }
        else if (name.Equals("b", StringComparison.OrdinalIgnoreCase) || name.Equals("strong", StringComparison.OrdinalIgnoreCase))
        {
            OnBold(closing);
        }
        else if (!closing && (name.Equals("style", StringComparison.OrdinalIgnoreCase) || name.Equals("script", StringComparison.OrdinalIgnoreCase)))
        {
            var endTag = html.IndexOf("</" + name.ToString(), end, StringComparison.OrdinalIgnoreCase);
            return endTag < 0 ? html.Length : endTag;
        }

        return end + 1;
    }

    private void OnDiv(bool closing, ReadOnlySpan<char> tag)
    {
        if (closing)
        {
            if (_depth == _partDepth)
            {
                (_part, _partDepth, _line) = (null, -1, null);
            }

            _depth = Math.Max(0, _depth - 1);
            return;
        }

        _depth++;
        var classes = Attribute(tag, "class");
        if (classes is null)
        {
            return;
        }

        List<HtmlLine>? part = null;
        if (classes.Contains("header-cell", StringComparison.Ordinal))
        {
            part = _content.Header;
        }
        else if (classes.Contains("content-cell", StringComparison.Ordinal))
        {
            part = classes.Contains("text-right", StringComparison.Ordinal) ? _content.Aside
                : classes.Contains("caption", StringComparison.Ordinal) ? _content.Caption
                : _content.Body;
        }

        if (part is not null)
        {
            (_part, _partDepth, _line) = (part, _depth, null);
        }
    }

    private void OnLink(bool closing, ReadOnlySpan<char> tag)
    {
        if (!closing)
        {
            _linkHref = Attribute(tag, "href");
            _linkText = new StringBuilder();
            return;
        }

        if (_linkText is not null && _part is not null)
        {
            Line().Links.Add(new HtmlLink(_linkHref, HtmlText.CollapseWhitespace(_linkText.ToString())));
        }

        (_linkText, _linkHref) = (null, null);
    }

    private void OnBold(bool closing)
    {
        if (!closing)
        {
            // Only a bold run that opens its line is a caption key ("Products:").
            _boldText = _line is null || _line.IsEmpty ? new StringBuilder() : null;
            return;
        }

        if (_boldText is not null && _part is not null)
        {
            Line().Bold = HtmlText.CollapseWhitespace(_boldText.ToString());
        }

        _boldText = null;
    }

    private void AddText(ReadOnlySpan<char> raw)
    {
        if (_part is null)
        {
            return;
        }

        var text = raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString();
        var line = Line();
        line.Text.Append(text);
        (_linkText ?? line.Outside).Append(text);
        _boldText?.Append(text);
    }

    private HtmlLine Line()
    {
        if (_line is null)
        {
            _line = new HtmlLine();
            _part!.Add(_line);
        }

        return _line;
    }

    /// <summary>The '&gt;' that ends the tag opened at <paramref name="open"/>, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int open)
    {
        char quote = '\0';
        for (var i = open + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An attribute's value, entities decoded, or null.</summary>
    private static string? Attribute(ReadOnlySpan<char> tag, string name)
    {
        for (var at = tag.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            var after = at + name.Length;
            var rest = tag[after..].TrimStart();
            if (at > 0 && char.IsWhiteSpace(tag[at - 1]) && rest.Length > 0 && rest[0] == '=')
            {
                rest = rest[1..].TrimStart();
                string value;
                if (rest.Length > 0 && rest[0] is '"' or '\'')
                {
                    var end = rest[1..].IndexOf(rest[0]);
                    value = (end < 0 ? rest[1..] : rest.Slice(1, end)).ToString();
                }
                else
                {
                    var end = rest.IndexOfAny(" \t\r\n/>");
                    value = (end < 0 ? rest : rest[..end]).ToString();
                }

                return value.Contains('&') ? WebUtility.HtmlDecode(value) : value;
            }

            var next = tag[after..].IndexOf(name, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : after + next;
        }

        return null;
    }
}
