using System.Text;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Reads iCalendar (RFC 5545) and vCard (2.1, 3.0, 4.0) content lines from a stream: CRLF or LF,
/// folded lines joined at the byte level (Google folds at 75 characters and so may cut inside a
/// UTF-8 sequence; joining bytes before decoding repairs that), vCard 2.1 quoted-printable soft
/// breaks and unindented base64 continuation lines. An unfolded line longer than the limit keeps its
/// start (name, parameters) and drops the rest, so a huge PHOTO costs at most the limit.
/// </summary>
public sealed class ContentLineReader
{
    private readonly StreamLineReader _lines;
    private readonly BoundedBuffer _logical;
    private readonly BoundedBuffer _next;
    private bool _hasNext;
    private long _nextOffset;
    private bool _atStart = true;

    public ContentLineReader(Stream stream, int maxLineBytes = 1 << 20)
    {
        _lines = new StreamLineReader(stream);
        _logical = new BoundedBuffer(maxLineBytes);
        _next = new BoundedBuffer(maxLineBytes);
    }

    /// <summary>Absolute offset just after the last line read: the end of the input once <see cref="ReadAsync"/> returned null.</summary>
    public long Position => _lines.Position;

    /// <summary>The next content line (blank lines skipped), or null at the end of the stream.</summary>
    public async ValueTask<ContentLine?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_hasNext && !await ReadPhysicalAsync(cancellationToken))
            {
                return null;
            }

            _hasNext = false;
            _logical.Clear();
            _logical.Append(_next.Span);
            var truncated = _next.Truncated;
            var offset = _nextOffset;
            if (_logical.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            var head = _logical.Span[..Math.Max(0, ValueStart(_logical.Span) - 1)];
            var quotedPrintable = ContainsIgnoreCase(head, "QUOTED-PRINTABLE"u8);
            var base64 = ContainsIgnoreCase(head, "ENCODING=B"u8) || ContainsIgnoreCase(head, ";BASE64"u8);
            while (await ReadPhysicalAsync(cancellationToken))
            {
                var next = _next.Span;
                truncated |= _next.Truncated;
                if (quotedPrintable && _logical.Span.EndsWith("="u8))
                {
                    // A quoted-printable soft break: the next line continues the value as it is, indented or not.
                    _logical.RemoveLast();
                    _logical.Append(next);
                }
                else if (next.Length > 0 && next[0] is (byte)' ' or (byte)'\t')
                {
                    _logical.Append(next[1..]);
                }
                else if (base64 && IsBase64Line(next))
                {
                    _logical.Append(next);
                }
                else
                {
                    _hasNext = true;
                    break;
                }
            }

            return Parse(_logical.Span, offset, truncated || _logical.Truncated);
        }
    }

    /// <summary>True when the head's first non-blank line is the given line (case-insensitive, BOM allowed).</summary>
    public static bool HeadStartsWithLine(ReadOnlySpan<byte> head, ReadOnlySpan<byte> expected)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        if (head.Length < expected.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if ((head[i] is >= (byte)'a' and <= (byte)'z' ? head[i] - 32 : head[i]) != expected[i])
            {
                return false;
            }
        }

        var rest = head[expected.Length..];
        return rest.IsEmpty || rest[0] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t';
    }

    private async ValueTask<bool> ReadPhysicalAsync(CancellationToken cancellationToken)
    {
        _next.Clear();
        var first = true;
        while (await _lines.ReadAsync(cancellationToken))
        {
            var piece = _lines.Current.Span;
            if (first)
            {
                _nextOffset = _lines.Offset;
                if (_atStart && piece.StartsWith("\uFEFF"u8))
                {
                    piece = piece[3..];
                    _nextOffset += 3;
                }

                _atStart = false;
                first = false;
            }

            _next.Append(piece);
            if (_lines.IsLineEnd)
            {
                return true;
            }
        }

        return !first;
    }

    private static ContentLine Parse(ReadOnlySpan<byte> line, long offset, bool truncated)
    {
        var valueStart = ValueStart(line);
        if (valueStart < 0)
        {
            return Malformed(line, offset);
        }

        var head = Charsets.DecodeUtf8OrLegacy(line[..(valueStart - 1)]);
        var segments = SplitOutsideQuotes(head, ';');
        var fullName = segments[0].Trim();
        var dot = fullName.IndexOf('.');
        var group = dot > 0 ? fullName[..dot] : null;
        var name = dot >= 0 ? fullName[(dot + 1)..] : fullName;
        if (!IsName(name) || (group is not null && !IsName(group)))
        {
            return Malformed(line, offset);
        }

        var parameters = new List<ContentParameter>();
        foreach (var segment in segments.Skip(1))
        {
            AddParameter(parameters, segment);
        }

        var valueBytes = line[valueStart..];
        var encoding = parameters.FirstOrDefault(p => p.Name == "ENCODING")?.Value;
        var charset = parameters.FirstOrDefault(p => p.Name == "CHARSET")?.Value;
        string value;
        if (encoding is not null && encoding.Equals("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase))
        {
            value = Charsets.Decode(QuotedPrintableDecoder.DecodeValue(valueBytes), charset);
        }
        else if (encoding is not null && (encoding.Equals("B", StringComparison.OrdinalIgnoreCase) || encoding.Equals("BASE64", StringComparison.OrdinalIgnoreCase)))
        {
            value = Encoding.ASCII.GetString(valueBytes);
        }
        else
        {
            value = Charsets.Decode(valueBytes, charset, truncated);
        }

        return new ContentLine(group, name.ToUpperInvariant(), parameters, value, offset) { Truncated = truncated };
    }

    private static void AddParameter(List<ContentParameter> parameters, string segment)
    {
        var equals = segment.IndexOf('=');
        if (equals < 0)
        {
            // vCard 2.1 writes bare parameters: ;HOME;VOICE;QUOTED-PRINTABLE.
            var bare = segment.Trim();
            var bareName = bare.ToUpperInvariant() switch
            {
                "QUOTED-PRINTABLE" or "BASE64" or "8BIT" or "7BIT" => "ENCODING",
                _ => "TYPE",
            };
            if (bare.Length > 0)
            {
                parameters.Add(new ContentParameter(bareName, bare));
            }

            return;
        }

        var name = segment[..equals].Trim().ToUpperInvariant();
        var raw = segment[(equals + 1)..];
        // TYPE is a list (TYPE=HOME,WORK and vCard 4's TYPE="voice,cell"); other values may hold commas (Outlook TZIDs).
        var value = UnquoteParameter(raw.Trim());
        foreach (var single in name == "TYPE" ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value])
        {
            parameters.Add(new ContentParameter(name, single));
        }
    }

    /// <summary>Removes the quotes and applies RFC 6868 caret escapes (^n, ^^, ^').</summary>
    private static string UnquoteParameter(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (!value.Contains('^'))
        {
            return value;
        }

        return value.Replace("^n", "\n", StringComparison.Ordinal).Replace("^'", "\"", StringComparison.Ordinal).Replace("^^", "^", StringComparison.Ordinal);
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>The index after the first colon outside a quoted parameter value, or -1.</summary>
    private static int ValueStart(ReadOnlySpan<byte> line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsBase64Line(ReadOnlySpan<byte> line)
    {
        var trimmed = line.Trim(" \t"u8);
        return !trimmed.IsEmpty && trimmed.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8) < 0;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> upperNeedle)
    {
        for (var i = 0; i + upperNeedle.Length <= text.Length; i++)
        {
            var match = true;
            for (var j = 0; j < upperNeedle.Length && match; j++)
            {
                var b = text[i + j];
                match = (b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b) == upperNeedle[j];
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static ContentLine Malformed(ReadOnlySpan<byte> line, long offset)
    {
        var text = Charsets.DecodeUtf8OrLegacy(line[..Math.Min(line.Length, 120)]);
        return new ContentLine(null, "", [], text, offset);
    }
}
