using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// A structured MIME header (<c>Content-Type</c>, <c>Content-Disposition</c>): a lower-case value
/// and parameters. RFC 2231 continuations and charsets (<c>filename*0*=utf-8''%E2%82%AC;
/// filename*1*=.pdf</c>) are joined and decoded; unquoted values with spaces, as some mailers write
/// them, are read up to the next ';'.
/// </summary>
public sealed class MimeHeaderValue
{
    private readonly Dictionary<string, string> _parameters;

    private MimeHeaderValue(string value, Dictionary<string, string> parameters)
    {
        Value = value;
        _parameters = parameters;
    }

    public static MimeHeaderValue Empty { get; } = new("", new Dictionary<string, string>());

    /// <summary>The value before the parameters, in lower case (<c>text/plain</c>, <c>attachment</c>).</summary>
    public string Value { get; }

    /// <summary>A parameter by case-insensitive name, or null.</summary>
    public string? this[string name] => _parameters.GetValueOrDefault(name.ToLowerInvariant());

    public static MimeHeaderValue Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Empty;
        }

        var semicolon = header.IndexOf(';');
        var value = (semicolon < 0 ? header : header[..semicolon]).Trim().ToLowerInvariant();
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var extended = new SortedDictionary<string, SortedDictionary<int, (string Text, bool Encoded)>>(StringComparer.Ordinal);
        var i = semicolon < 0 ? header.Length : semicolon + 1;
        while (i < header.Length)
        {
            var (name, text) = ReadParameter(header, ref i);
            if (name.Length == 0)
            {
                continue;
            }

            var star = name.IndexOf('*');
            if (star < 0)
            {
                plain.TryAdd(name, text);
                continue;
            }

            // name*=… (one encoded value), name*N=… (continuation), name*N*=… (encoded continuation).
            var baseName = name[..star];
            var rest = name[(star + 1)..];
            var encoded = rest.Length == 0 || rest.EndsWith('*');
            var index = int.TryParse(rest.TrimEnd('*'), out var n) ? n : 0;
            if (!extended.TryGetValue(baseName, out var parts))
            {
                extended[baseName] = parts = [];
            }

            parts.TryAdd(index, (text, encoded));
        }

        foreach (var (name, parts) in extended)
        {
            plain[name] = JoinExtended(parts);
        }

        return new MimeHeaderValue(value, plain);
    }

    private static (string Name, string Value) ReadParameter(string header, ref int i)
    {
        while (i < header.Length && (header[i] == ';' || char.IsWhiteSpace(header[i])))
        {
            i++;
        }

        var nameStart = i;
        while (i < header.Length && header[i] is not '=' and not ';')
        {
            i++;
        }

        var name = header[nameStart..i].Trim().ToLowerInvariant();
        if (i >= header.Length || header[i] == ';')
        {
            return ("", "");
        }

        i++;
        while (i < header.Length && char.IsWhiteSpace(header[i]))
        {
            i++;
        }

        if (i < header.Length && header[i] == '"')
        {
            var quoted = new StringBuilder();
            i++;
            while (i < header.Length && header[i] != '"')
            {
                if (header[i] == '\\' && i + 1 < header.Length)
                {
                    i++;
                }

                quoted.Append(header[i++]);
            }

            i++;
            return (name, quoted.ToString());
        }

        var valueStart = i;
        while (i < header.Length && header[i] != ';')
        {
            i++;
        }

        return (name, header[valueStart..i].Trim());
    }

    private static string JoinExtended(SortedDictionary<int, (string Text, bool Encoded)> parts)
    {
        string? charset = null;
        var bytes = new BoundedBuffer(64 * 1024);
        var first = true;
        foreach (var (text, encoded) in parts.Values)
        {
            var part = text;
            if (first && encoded)
            {
                // charset'language'percent-encoded-text
                var quote1 = part.IndexOf('\'');
                var quote2 = quote1 < 0 ? -1 : part.IndexOf('\'', quote1 + 1);
                if (quote2 > quote1)
                {
                    charset = part[..quote1];
                    part = part[(quote2 + 1)..];
                }
            }

            first = false;
            if (encoded)
            {
                AppendPercentDecoded(bytes, part);
            }
            else
            {
                bytes.Append(Encoding.UTF8.GetBytes(part));
            }
        }

        return Charsets.Decode(bytes.Span, charset);
    }

    private static void AppendPercentDecoded(BoundedBuffer bytes, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Append((byte)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Append(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
    }
}
