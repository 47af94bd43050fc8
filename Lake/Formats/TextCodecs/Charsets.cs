using System.Text;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Turns bytes in a declared charset into text. Mail and vCards name charsets loosely (<c>utf8</c>,
/// <c>cp1252</c>, quoted names) and often lie (<c>us-ascii</c> with 8-bit bytes), so unknown or
/// ASCII labels fall back to UTF-8 when the bytes are valid UTF-8 and to windows-1252 otherwise:
/// text is never lost to a bad label.
/// </summary>
public static class Charsets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["utf-8-sig"] = "utf-8",
        ["latin1"] = "iso-8859-1",
        ["latin-1"] = "iso-8859-1",
        ["cp1252"] = "windows-1252",
        ["cp1251"] = "windows-1251",
        ["cp1250"] = "windows-1250",
        ["win-1252"] = "windows-1252",
        ["gbk"] = "gb2312",
        ["x-gbk"] = "gb2312",
        ["cp936"] = "gb2312",
        ["cp932"] = "shift_jis",
        ["x-sjis"] = "shift_jis",
        ["cp949"] = "ks_c_5601-1987",
        ["iso-8859-8-i"] = "iso-8859-8",
    };

    static Charsets() => CodePages.EnsureRegistered();

    /// <summary>The encoding a charset label names, or null when unknown (or when it is ASCII, which gets the fallback).</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        var name = charset.Trim().Trim('"', '\'').Trim();
        if (Aliases.TryGetValue(name, out var alias))
        {
            name = alias;
        }

        if (name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) || name.Equals("ascii", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("utf-7", StringComparison.OrdinalIgnoreCase) || name.StartsWith("unknown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Decodes bytes in the named charset, falling back as described on the class.</summary>
    /// <param name="bytes">The text.</param>
    /// <param name="charset">The declared charset, if any.</param>
    /// <param name="cut">True when the bytes were cut at a size limit, so UTF-8 may end inside a character.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, bool cut = false)
    {
        var encoding = Find(charset);
        if (encoding is null || encoding.CodePage == Encoding.UTF8.CodePage)
        {
            return DecodeUtf8OrLegacy(bytes, cut);
        }

        return encoding.GetString(bytes);
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), windows-1252 otherwise.</summary>
    /// <param name="bytes">The text.</param>
    /// <param name="cut">True when the bytes were cut at a size limit, so UTF-8 may end inside a character.</param>
    public static string DecodeUtf8OrLegacy(ReadOnlySpan<byte> bytes, bool cut = false)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        // A buffer cut at its limit can end inside a character; that alone does not make it legacy text.
        var whole = cut ? WithoutIncompleteTail(bytes) : bytes;
        if (whole.Length < bytes.Length && System.Text.Unicode.Utf8.IsValid(whole))
        {
            return StrictUtf8.GetString(whole);
        }

        return Encoding.GetEncoding(1252).GetString(bytes);
    }

    private static ReadOnlySpan<byte> WithoutIncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes[..^back] : bytes;
        }

        return bytes;
    }
}
