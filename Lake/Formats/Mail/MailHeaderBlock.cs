using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Collects a header section line by line up to a byte limit (a runaway header cannot exhaust
/// memory) and unfolds it into fields. Header bytes may be UTF-8 (RFC 6532) or raw 8-bit legacy text;
/// each line is decoded on its own so one bad line does not garble the rest.
/// </summary>
public sealed class MailHeaderBlock(int limit)
{
    private readonly BoundedBuffer _raw = new(limit);

    public bool Truncated => _raw.Truncated;

    public void Clear() => _raw.Clear();

    public void Append(ReadOnlySpan<byte> piece, bool endsLine)
    {
        _raw.Append(piece);
        if (endsLine)
        {
            _raw.Append((byte)'\n');
        }
    }

    /// <summary>The fields in order; lines that are neither a field nor a continuation are ignored.</summary>
    public List<MailHeaderField> Parse()
    {
        var fields = new List<MailHeaderField>();
        string? name = null;
        var value = new StringBuilder();
        foreach (var range in _raw.Span.Split((byte)'\n'))
        {
            var line = _raw.Span[range];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (name is not null)
                {
                    value.Append(Charsets.DecodeUtf8OrLegacy(line.TrimEnd((byte)'\r')));
                }

                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsFieldName(line[..colon].TrimEnd(" \t"u8)))
            {
                continue;
            }

            Add(fields, name, value);
            name = Encoding.ASCII.GetString(line[..colon].TrimEnd(" \t"u8));
            value.Clear().Append(Charsets.DecodeUtf8OrLegacy(line[(colon + 1)..].TrimEnd((byte)'\r')));
        }

        Add(fields, name, value);
        return fields;
    }

    private static void Add(List<MailHeaderField> fields, string? name, StringBuilder value)
    {
        if (name is not null)
        {
            fields.Add(new MailHeaderField(name, value.ToString().Trim()));
        }
    }

    private static bool IsFieldName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && name.IndexOfAnyExceptInRange((byte)'!', (byte)'~') < 0;
}
