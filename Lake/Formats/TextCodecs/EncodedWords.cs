using System.Text;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// RFC 2047 encoded words (<c>=?iso-8859-1?Q?Gr=FC=DFe?=</c>) in headers and MIME parameters.
/// Adjacent words in one charset are joined as bytes before decoding, because mailers split a
/// multi-byte character across two words; whitespace between encoded words is dropped as the RFC says.
/// </summary>
public static partial class EncodedWords
{
    public static string Decode(string text)
    {
        if (!text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var pending = new BoundedBuffer(Math.Max(16, text.Length));
        string? pendingCharset = null;
        var last = 0;
        foreach (Match word in Word().Matches(text))
        {
            var between = text.AsSpan(last, word.Index - last);
            if (pendingCharset is null || !between.IsWhiteSpace())
            {
                Flush(result, pending, ref pendingCharset);
                result.Append(between);
            }

            var charset = word.Groups[1].Value;
            var language = charset.IndexOf('*');
            if (language >= 0)
            {
                charset = charset[..language];
            }

            if (pendingCharset is not null && !pendingCharset.Equals(charset, StringComparison.OrdinalIgnoreCase))
            {
                Flush(result, pending, ref pendingCharset);
            }

            var payload = Encoding.ASCII.GetBytes(word.Groups[3].Value);
            pending.Append(word.Groups[2].Value is "B" or "b" ? Base64Decoder.DecodeValue(payload) : DecodeQ(payload));
            pendingCharset = charset;
            last = word.Index + word.Length;
        }

        Flush(result, pending, ref pendingCharset);
        result.Append(text.AsSpan(last));
        return result.ToString();
    }

    private static void Flush(StringBuilder result, BoundedBuffer pending, ref string? charset)
    {
        if (charset is not null)
        {
            result.Append(Charsets.Decode(pending.Span, charset));
        }

        pending.Clear();
        charset = null;
    }

    /// <summary>The "Q" encoding: quoted-printable where '_' stands for a space.</summary>
    private static byte[] DecodeQ(byte[] payload)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] == '_')
            {
                payload[i] = (byte)' ';
            }
        }

        return QuotedPrintableDecoder.DecodeValue(payload);
    }

    [GeneratedRegex(@"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
